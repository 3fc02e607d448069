"""What screening reports: a kind of risk and the characters it covers."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class FlagKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    POSTCODE = "postcode"
    ADDRESS = "address"
    VEHICLE_REGISTRATION = "vehicle_registration"
    REFERENCE_NUMBER = "reference_number"
    LINK = "link"
    PROFANITY = "profanity"
    SHOUTING = "shouting"
    REPEATED = "repeated"
    COMPLAINT = "complaint"
    CRIME_REPORT = "crime_report"
    SAFEGUARDING = "safeguarding"
    PROTECTED_NAME = "protected_name"
    OPERATIONAL_DETAIL = "operational_detail"
    PERSONAL_ID = "personal_id"


def _(text: str) -> str:
    """Marks a label for `makemessages` (xgettext knows `_`) without importing Django; the admin
    translates the label when it shows it (recognition/admin/labels.py)."""
    return text


FLAG_LABELS: dict[FlagKind, str] = {
    FlagKind.PHONE: _("Phone number"),
    FlagKind.EMAIL: _("Email address"),
    FlagKind.POSTCODE: _("Postcode"),
    FlagKind.ADDRESS: _("Street address or flat number"),
    FlagKind.VEHICLE_REGISTRATION: _("Vehicle registration"),
    FlagKind.REFERENCE_NUMBER: _("Crime or incident reference"),
    FlagKind.LINK: _("Link"),
    FlagKind.PROFANITY: _("Swearing or abuse"),
    FlagKind.SHOUTING: _("Written in capitals"),
    FlagKind.REPEATED: _("Same as a recent message"),
    FlagKind.COMPLAINT: _("Reads as a complaint"),
    FlagKind.CRIME_REPORT: _("Reads as reporting a crime"),
    FlagKind.SAFEGUARDING: _("Reads as a safeguarding disclosure"),
    FlagKind.PROTECTED_NAME: _("Names a protected officer"),
    FlagKind.OPERATIONAL_DETAIL: _("Operational detail (shifts, deployments, codes, locations)"),
    FlagKind.PERSONAL_ID: _("National Insurance number or date of birth"),
}

NOT_THANKS_KINDS = frozenset({FlagKind.COMPLAINT, FlagKind.CRIME_REPORT, FlagKind.SAFEGUARDING})

BODY = "body"
FIELDS = (BODY, "recipient", "from_name")

# When flags overlap, the segment is shown as the first of these that covers it: the precise
# personal-data finds before the broad readings of the whole message.
HIGHLIGHT_PRIORITY = (
    FlagKind.PROTECTED_NAME,
    FlagKind.PHONE,
    FlagKind.EMAIL,
    FlagKind.POSTCODE,
    FlagKind.VEHICLE_REGISTRATION,
    FlagKind.PERSONAL_ID,
    FlagKind.REFERENCE_NUMBER,
    FlagKind.ADDRESS,
    FlagKind.LINK,
    FlagKind.PROFANITY,
    FlagKind.SAFEGUARDING,
    FlagKind.OPERATIONAL_DETAIL,
    FlagKind.CRIME_REPORT,
    FlagKind.COMPLAINT,
    FlagKind.SHOUTING,
    FlagKind.REPEATED,
)
_RANK = {kind: rank for rank, kind in enumerate(HIGHLIGHT_PRIORITY)}


@dataclass(frozen=True)
class Flag:
    """A risk in one field of a message: characters [start, end) of that field's text.

    `field` is "body" (the message), "recipient" or "from_name"; it is left out of `as_dict` for
    the body, so a body flag is stored as {"kind": ..., "start": ..., "end": ...}."""

    kind: FlagKind
    start: int
    end: int
    field: str = BODY

    def as_dict(self) -> dict:
        data = {"kind": str(self.kind), "start": self.start, "end": self.end}
        if self.field != BODY:
            data["field"] = self.field
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Flag":
        field = data.get("field", BODY)
        if field not in FIELDS:
            raise ValueError(f"unknown field {field!r}")
        return cls(FlagKind(data["kind"]), int(data["start"]), int(data["end"]), field)


def signposting_for(flags: Iterable[Flag]) -> set[FlagKind]:
    """The not-thanks kinds among `flags`, so the form can tell the submitter where to go instead
    (999 or 101, the force's complaints page)."""
    return {flag.kind for flag in flags if flag.kind in NOT_THANKS_KINDS}


def highlight_spans(
    text: str, flags: Iterable[Flag], *, field: str = BODY
) -> list[tuple[str, FlagKind | None]]:
    """`text` cut into (segment, kind or None) runs, for a template to wrap the flagged runs in
    <mark> while autoescaping every segment. Only the flags of `field` are used; where flags
    overlap, the one first in HIGHLIGHT_PRIORITY wins; spans are clipped to the text."""
    clipped = (
        (max(flag.start, 0), min(flag.end, len(text)), flag.kind) for flag in flags if flag.field == field
    )
    spans = [(start, end, kind) for start, end, kind in clipped if start < end]
    cuts = sorted({0, len(text), *(start for start, _, _ in spans), *(end for _, end, _ in spans)})
    runs: list[tuple[str, FlagKind | None]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start >= end:
            continue
        covering = [kind for span_start, span_end, kind in spans if span_start <= start and end <= span_end]
        kind = min(covering, key=_RANK.__getitem__) if covering else None
        if runs and runs[-1][1] == kind:
            runs[-1] = (runs[-1][0] + text[start:end], kind)
        else:
            runs.append((text[start:end], kind))
    return runs
