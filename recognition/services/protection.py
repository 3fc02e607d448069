"""Protected names: a force's covert or protected officers, whose names and collar numbers must never
be published. Adding or changing one screens the force's waiting and published messages again at
once: a published message that names it leaves the wall, the feed and the screens in the same
transaction, back in the queue with the flag, and the force's moderators are told how many (never
the name, never the messages)."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from wagtail.log_actions import log

from ..models import Message, MessageStatus, ProtectedName, forces_user_may_moderate
from ..screening import Flag, screen_protected_names
from ..versioning import bump_wall_version
from .alerts import alert_protected_name_matches
from .submission import protected_names_of

CHUNK = 500


@dataclass(frozen=True)
class Rescreen:
    """What adding or changing a protected name did to its force's messages."""

    protected_name: ProtectedName
    taken_down: int
    flagged: int


def _check_force(user, force_id: int) -> None:
    if not forces_user_may_moderate(user).filter(pk=force_id).exists():
        raise PermissionDenied


@transaction.atomic
def add_protected_name(*, force, name: str, user) -> Rescreen:
    """Protect a name or collar number in `force`, and screen its messages again at once."""
    _check_force(user, force.pk)
    protected = ProtectedName.objects.create(force=force, name=name.strip())
    log(instance=protected, action="wagtail.create", user=user, content_changed=True)
    return _rescreen(protected, user)


@transaction.atomic
def change_protected_name(*, protected_name: ProtectedName, force, name: str, user) -> Rescreen:
    """Correct a protected name (or move it to another of the user's forces), and screen that
    force's messages again at once."""
    locked = ProtectedName.objects.select_for_update().get(pk=protected_name.pk)
    _check_force(user, locked.force_id)
    _check_force(user, force.pk)
    locked.force, locked.name = force, name.strip()
    locked.save(update_fields=["force", "name"])
    log(instance=locked, action="wagtail.edit", user=user, content_changed=True)
    return _rescreen(locked, user)


def _new_protected_name_flags(message: Message, names: list[str]) -> list[dict]:
    stored = {Flag.from_dict(flag) for flag in message.flags}
    fresh = screen_protected_names(
        message.body, recipient=message.recipient, from_name=message.from_name, protected_names=names
    )
    return [flag.as_dict() for flag in fresh if flag not in stored]


def _hold(message: Message, new_flags: list[dict]) -> str:
    """Flag the message with the name and, when published, take it down to wait for a moderator."""
    before = message.status
    message.flags = [*message.flags, *new_flags]
    fields = ["flags"]
    if before == MessageStatus.APPROVED:
        message.status = MessageStatus.PENDING
        message.published_at = message.decided_at = message.decided_by = None
        fields += ["status", "published_at", "decided_at", "decided_by"]
    message.save(update_fields=fields)
    return before


def _rescreen(protected: ProtectedName, user) -> Rescreen:
    """Screen the force's waiting and published messages against all its protected names. Rows
    are locked, so a moderator's decision at this moment waits for the re-screen, then sees it."""
    names = protected_names_of(protected.force_id)
    shown_or_waiting = Q(status=MessageStatus.PENDING) | Q(
        status=MessageStatus.APPROVED, published_at__isnull=False
    )
    messages = (
        Message.objects.select_for_update()
        .filter(shown_or_waiting, force_id=protected.force_id)
        .order_by("pk")
    )
    taken_down = flagged = last_pk = 0
    # In batches by id, not a streaming cursor: SQLite does not isolate a cursor from the writes.
    while batch := list(messages.filter(pk__gt=last_pk)[:CHUNK]):
        last_pk = batch[-1].pk
        for message in batch:
            new_flags = _new_protected_name_flags(message, names)
            if not new_flags:
                continue
            before = _hold(message, new_flags)
            taken_down += before == MessageStatus.APPROVED
            flagged += before == MessageStatus.PENDING
            # One uuid per entry: Wagtail's history view shows one entry per uuid and action.
            data = {"from": before}
            log(instance=message, action="recognition.protect", user=user, uuid=uuid.uuid4(), data=data)
    log(
        instance=protected,
        action="recognition.rescreen",
        user=user,
        data={"taken_down": taken_down, "flagged": flagged},
    )
    if taken_down:
        bump_wall_version()
    alert_protected_name_matches(protected.force_id, taken_down=taken_down, flagged=flagged)
    return Rescreen(protected_name=protected, taken_down=taken_down, flagged=flagged)
