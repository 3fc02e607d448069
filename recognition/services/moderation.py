"""Moderators' decisions: approve, reject, edit-then-approve, one by one or in bulk; and referring a
safeguarding disclosure to the force's control room or safeguarding hub.

Every decision locks the message row first, so two moderators (or a moderator and the submitter's
withdraw link) cannot both decide it; checks that the user may moderate the message's force, whatever
view called it; writes one entry to Wagtail's audit log; and bumps the wall's version when what the
public sees changes.

The moves allowed:

    pending  -> approved | rejected
    approved -> rejected            (taken down: a complaint, a mistake)
    rejected -> approved            (a rejection put right, while the message is still kept)
    any but withdrawn -> approved   by edit-then-approve (redaction, also of a published message)
    withdrawn: final; nobody but the submitter decides it.

A flagged message is approved only one at a time, with the flags overridden explicitly; a message
naming one of its force's protected names is never approved as written, only redacted or rejected.
A referral changes no status: it records, once, that someone passed the message on.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from ..models import Message, MessageStatus, RejectionReason, forces_user_may_moderate
from ..screening import FLAG_LABELS, Flag, FlagKind, normalise_text, screen_message, screen_protected_names
from ..versioning import bump_wall_version
from .alerts import alert_if_newly_safeguarding
from .submission import protected_names_of, recent_texts

APPROVABLE = frozenset({MessageStatus.PENDING, MessageStatus.REJECTED})
REJECTABLE = frozenset({MessageStatus.PENDING, MessageStatus.APPROVED})
EDITABLE = frozenset({MessageStatus.PENDING, MessageStatus.REJECTED, MessageStatus.APPROVED})
# A disclosure is passed on whatever became of the message: withdrawing it does not make anyone safe.
REFERABLE = frozenset(MessageStatus)
NEVER_OVERRIDDEN = frozenset({FlagKind.PROTECTED_NAME})
FIELD_LIMITS = {"recipient": 200, "body": 1000, "from_name": 80}


class ModerationError(Exception):
    """A decision that cannot be taken as asked. Its text is for the moderator."""


class InvalidTransition(ModerationError):
    pass


class FlagsNeedOverride(ModerationError):
    pass


class NamesProtectedName(ModerationError):
    pass


class AlreadyReferred(ModerationError):
    pass


@dataclass
class BulkOutcome:
    """What a bulk decision did, and what it left for a moderator to look at one by one."""

    done: list[Message] = field(default_factory=list)
    flagged: list[Message] = field(default_factory=list)
    not_pending: list[Message] = field(default_factory=list)


def user_may_moderate(user, message: Message) -> bool:
    return forces_user_may_moderate(user).filter(pk=message.force_id).exists()


def flag_kinds(flags: Iterable[dict]) -> list[str]:
    return sorted({str(flag["kind"]) for flag in flags})


def flags_for_review(message: Message) -> list[Flag]:
    """The message's screening flags, plus any of its force's protected names added since it came
    in: a name protected after submission still stops the message."""
    stored = [Flag.from_dict(flag) for flag in message.flags]
    fresh = screen_protected_names(
        message.body,
        recipient=message.recipient,
        from_name=message.from_name,
        protected_names=protected_names_of(message.force_id),
    )
    stored_set = set(stored)
    return stored + [flag for flag in fresh if flag not in stored_set]


def _labels(kinds: Iterable[str]) -> str:
    return ", ".join(FLAG_LABELS[FlagKind(kind)] for kind in sorted(set(kinds)))


def _check_flags(flags: list[Flag], *, override_flags: bool) -> None:
    kinds = {flag.kind for flag in flags}
    if kinds & NEVER_OVERRIDDEN:
        raise NamesProtectedName(
            _("It names a protected officer: edit the name out, or reject it. This cannot be overridden.")
        )
    if kinds and not override_flags:
        raise FlagsNeedOverride(
            _("It is flagged (%(kinds)s): check it and approve it with the flags overridden.")
            % {"kinds": _labels(kinds)}
        )


def _lock(message: Message, user, allowed: frozenset) -> Message:
    """The message's row, locked for this transaction, once the user may decide it."""
    locked = Message.objects.select_for_update().get(pk=message.pk)
    if not user_may_moderate(user, locked):
        raise PermissionDenied
    if locked.status not in allowed:
        raise InvalidTransition(
            _("This message is already %(status)s.") % {"status": locked.get_status_display().lower()}
        )
    return locked


def _publish(message: Message, user, now) -> None:
    # An edit of a published message keeps its place on the wall.
    if message.status != MessageStatus.APPROVED or message.published_at is None:
        message.published_at = now
    message.status = MessageStatus.APPROVED
    message.decided_by = user
    message.decided_at = now
    message.rejection_reason = ""


DECISION_FIELDS = ["status", "decided_by", "decided_at", "published_at", "rejection_reason"]


@transaction.atomic
def approve_message(*, message: Message, user, override_flags: bool = False) -> Message:
    """Publish a pending (or wrongly rejected) message. Flagged ones need `override_flags`."""
    locked = _lock(message, user, APPROVABLE)
    flags = flags_for_review(locked)
    _check_flags(flags, override_flags=override_flags)
    before = locked.status
    _publish(locked, user, timezone.now())
    locked.save(update_fields=DECISION_FIELDS)
    data = {"from": before, "flags": flag_kinds(locked.flags), "override_flags": bool(flags)}
    log(instance=locked, action="recognition.approve", user=user, data=data)
    bump_wall_version()
    return locked


@transaction.atomic
def reject_message(*, message: Message, user, reason: str, note: str = "") -> Message:
    """Turn a pending message down, or take a published one off the wall, with a reason."""
    if reason not in RejectionReason.values:
        raise ValueError(f"unknown rejection reason {reason!r}")
    locked = _lock(message, user, REJECTABLE)
    was_public = locked.status == MessageStatus.APPROVED
    before = locked.status
    locked.status = MessageStatus.REJECTED
    locked.rejection_reason = reason
    locked.moderation_note = note.strip()
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.published_at = None
    locked.save(update_fields=[*DECISION_FIELDS, "moderation_note"])
    # The note is the moderator's free text and may quote the message: it stays on the message.
    log(instance=locked, action="recognition.reject", user=user, data={"from": before, "reason": reason})
    if was_public:
        bump_wall_version()
    return locked


def _clean_fields(**values: str) -> dict[str, str]:
    cleaned = {name: normalise_text(value) for name, value in values.items()}
    for name, value in cleaned.items():
        if len(value) > FIELD_LIMITS[name]:
            raise ValueError(f"{name} is longer than {FIELD_LIMITS[name]} characters")
    if not cleaned["body"] or not cleaned["recipient"]:
        raise ValueError("a message needs a body and a recipient")
    return cleaned


@transaction.atomic
def edit_and_approve_message(
    *, message: Message, user, body: str, recipient: str, from_name: str, override_flags: bool = False
) -> Message:
    """Redact a message and publish it. The edit is screened again, so a redaction that missed a
    phone number is caught; the submitter's original words are kept in `original_body` (for the
    audit trail only, erased with the contact details) and the log records which fields changed."""
    values = _clean_fields(body=body, recipient=recipient, from_name=from_name)
    locked = _lock(message, user, EDITABLE)
    flags = screen_message(
        values["body"],
        recipient=values["recipient"],
        from_name=values["from_name"],
        recent_texts=recent_texts(exclude_pk=locked.pk),
        protected_names=protected_names_of(locked.force_id),
    )
    _check_flags(flags, override_flags=override_flags)
    changed = sorted(name for name, value in values.items() if getattr(locked, name) != value)
    if "body" in changed and not locked.original_body:
        locked.original_body = locked.body
    before, flags_before = locked.status, flag_kinds(locked.flags)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.flags = [flag.as_dict() for flag in flags]
    _publish(locked, user, timezone.now())
    locked.save(update_fields=[*DECISION_FIELDS, *values, "flags", "original_body"])
    data = {
        "from": before,
        "changed": changed,
        "flags_before": flags_before,
        "flags": flag_kinds(locked.flags),
        "override_flags": bool(flags),
    }
    log(instance=locked, action="recognition.edit_approve", user=user, data=data)
    bump_wall_version()
    alert_if_newly_safeguarding(locked, kinds_before=flags_before)
    return locked


@transaction.atomic
def refer_message(*, message: Message, user, note: str = "") -> Message:
    """Record that the moderator passed the message to the force's control room or safeguarding
    hub: by whom and when, once. Until then a safeguarding disclosure heads the queue and outlives
    the rejected-message retention. The note is the moderator's free text and stays on the message;
    the audit log holds only that a referral was made."""
    locked = _lock(message, user, REFERABLE)
    if locked.referred_at is not None:
        raise AlreadyReferred(_("This message has already been referred."))
    locked.referred_at = timezone.now()
    locked.referred_by = user
    locked.referral_note = note.strip()
    locked.save(update_fields=["referred_at", "referred_by", "referral_note"])
    data = {"status": locked.status, "flags": flag_kinds(locked.flags), "note": bool(locked.referral_note)}
    log(instance=locked, action="recognition.refer", user=user, data=data)
    return locked


def _lock_many(messages: Iterable[Message], user) -> list[Message]:
    """The messages' rows, locked; refused as a whole if any is outside the user's forces."""
    ids = sorted({message.pk for message in messages})
    locked = list(Message.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    allowed = set(
        forces_user_may_moderate(user)
        .filter(pk__in={m.force_id for m in locked})
        .values_list("pk", flat=True)
    )
    if any(message.force_id not in allowed for message in locked):
        raise PermissionDenied
    return locked


def _sort_for_bulk(locked: list[Message]) -> BulkOutcome:
    outcome = BulkOutcome()
    for message in locked:
        if message.status != MessageStatus.PENDING:
            outcome.not_pending.append(message)
        elif flags_for_review(message):
            outcome.flagged.append(message)
        else:
            outcome.done.append(message)
    return outcome


@transaction.atomic
def bulk_approve(*, messages: Iterable[Message], user) -> BulkOutcome:
    """Approve the unflagged pending messages among `messages`; report the rest, untouched.
    Flagged messages are only ever approved one by one (`approve_message(override_flags=True)`)."""
    outcome = _sort_for_bulk(_lock_many(messages, user))
    now = timezone.now()
    for message in outcome.done:
        _publish(message, user, now)
        message.save(update_fields=DECISION_FIELDS)
        # One uuid per entry: Wagtail's history view shows one entry per uuid and action.
        data = {"from": MessageStatus.PENDING, "flags": [], "bulk": True}
        log(instance=message, action="recognition.approve", user=user, uuid=uuid.uuid4(), data=data)
    if outcome.done:
        bump_wall_version()
    return outcome


@transaction.atomic
def bulk_reject(*, messages: Iterable[Message], user, reason: str) -> BulkOutcome:
    """Reject the unflagged pending messages among `messages`; report the rest, untouched. A flagged
    message may be a complaint, a crime report or a disclosure that someone must read and act on,
    so it is never swept away with others."""
    if reason not in RejectionReason.values:
        raise ValueError(f"unknown rejection reason {reason!r}")
    outcome = _sort_for_bulk(_lock_many(messages, user))
    now = timezone.now()
    for message in outcome.done:
        message.status = MessageStatus.REJECTED
        message.rejection_reason = reason
        message.decided_by = user
        message.decided_at = now
        message.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
        data = {"from": MessageStatus.PENDING, "reason": reason, "bulk": True}
        log(instance=message, action="recognition.reject", user=user, uuid=uuid.uuid4(), data=data)
    return outcome
