"""Screening a message: every check, over the body and the names the submitter gave."""

from collections.abc import Iterable

from .flags import Flag, FlagKind
from .not_thanks import find_not_thanks, is_grateful
from .operational import find_operational_detail
from .personal_data import find_personal_data
from .profanity import find_profanity
from .protected_names import find_protected_names
from .repeats import is_repeated
from .semantic import find_semantic, is_unsure
from .shouting import find_shouting


def screen_message(
    text: str,
    *,
    recipient: str = "",
    from_name: str = "",
    recent_texts: Iterable[str] = (),
    protected_names: Iterable[str] = (),
) -> list[Flag]:
    """Flags for a message, for the moderator and never for the public.

    The body (`text`) gets every check; its flags have field "body" and index `text`. The recipient
    and the signature get the personal-data, abuse and protected-name checks; their flags have field
    "recipient" or "from_name" and index that string. Screen normalised text (`normalise_text`):
    the spans index exactly the strings given. Sorted by field, then position."""
    protected_names = tuple(protected_names)
    flags = _screen_body(text, recent_texts, protected_names)
    for field, value in (("recipient", recipient), ("from_name", from_name)):
        flags += [
            Flag(flag.kind, flag.start, flag.end, field) for flag in screen_name(value, protected_names)
        ]
    return flags


def reads_as_thanks(text: str) -> bool:
    """Whether `text` plainly reads as a thank-you: it thanks or praises someone, and no sentence
    of it comes near a semantic kind's threshold. Auto-publish asks this of an unflagged message."""
    return is_grateful(text) and not is_unsure(text)


def screen_protected_names(
    text: str, *, recipient: str = "", from_name: str = "", protected_names: Iterable[str] = ()
) -> list[Flag]:
    """Only the protected-name flags of every field, as `screen_message` would give them: cheap
    enough to run over every message of a force when a name is added to its list."""
    protected_names = tuple(protected_names)
    return [
        Flag(FlagKind.PROTECTED_NAME, start, end, field)
        for field, value in (("body", text), ("recipient", recipient), ("from_name", from_name))
        for start, end in find_protected_names(value, protected_names)
    ]


def screen_name(text: str, protected_names: Iterable[str] = ()) -> list[Flag]:
    """Flags for a name field (who is thanked, who signs): personal data, abuse, protected names.
    Capitals and sameness are normal in a name, and a name is no complaint."""
    flags = find_personal_data(text)
    flags += [Flag(FlagKind.PROFANITY, start, end) for start, end in find_profanity(text)]
    flags += [
        Flag(FlagKind.PROTECTED_NAME, start, end)
        for start, end in find_protected_names(text, protected_names)
    ]
    return _tidy(flags)


def _screen_body(text: str, recent_texts: Iterable[str], protected_names: tuple[str, ...]) -> list[Flag]:
    flags = screen_name(text, protected_names)
    flags += [Flag(FlagKind.SHOUTING, start, end) for start, end in find_shouting(text)]
    flags += find_not_thanks(text)
    flags += find_operational_detail(text)
    # A sentence the learned layer flags gives way to a pattern's flag of the same kind inside it:
    # the moderator sees "12a High Street" marked, not the whole sentence around it.
    flags += [
        flag
        for flag in find_semantic(text)
        if not any(
            other.kind == flag.kind and other.start < flag.end and flag.start < other.end for other in flags
        )
    ]
    if is_repeated(text, recent_texts):
        start = len(text) - len(text.lstrip())
        flags.append(Flag(FlagKind.REPEATED, start, len(text.rstrip())))
    return _tidy(flags)


# A find inside a wider one that explains it is not shown twice: the domain of an email is no
# separate link, and the digits of a reference are no phone number.
_EXPLAINED_BY = {
    FlagKind.LINK: FlagKind.EMAIL,
    FlagKind.PHONE: FlagKind.REFERENCE_NUMBER,
    FlagKind.POSTCODE: FlagKind.VEHICLE_REGISTRATION,
}


def _tidy(flags: list[Flag]) -> list[Flag]:
    """One flag per stretch of one kind (overlapping finds merged), without finds another explains."""
    merged: list[Flag] = []
    for flag in sorted(flags, key=lambda flag: (flag.kind, flag.start, flag.end)):
        last = merged[-1] if merged else None
        if last and last.kind == flag.kind and flag.start <= last.end:
            merged[-1] = Flag(last.kind, last.start, max(last.end, flag.end), last.field)
        else:
            merged.append(flag)
    kept = [flag for flag in merged if not _explained(flag, merged)]
    return sorted(kept, key=lambda flag: (flag.start, flag.end, flag.kind))


def _explained(flag: Flag, flags: list[Flag]) -> bool:
    wider = _EXPLAINED_BY.get(flag.kind)
    return wider is not None and any(
        other.kind == wider and other.start <= flag.start and flag.end <= other.end for other in flags
    )
