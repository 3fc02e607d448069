"""Telling moderators at once, after commit, through the task system (never inside the request)."""

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from ..models import Message
from ..screening import FlagKind
from ..tasks import send_burst_alert, send_protected_name_alert, send_safeguarding_alert


def alert_if_newly_safeguarding(message: Message, *, kinds_before: Iterable[str] = ()) -> None:
    """When the message's stored flags now read as a safeguarding disclosure, and did not before
    (at submission, or when it is screened again), alert its force's moderators once it commits."""
    if message.reads_as_safeguarding and FlagKind.SAFEGUARDING not in {str(kind) for kind in kinds_before}:
        transaction.on_commit(lambda: send_safeguarding_alert.enqueue(message.pk), robust=True)


def alert_protected_name_matches(force_id: int, *, taken_down: int, flagged: int) -> None:
    """Once it commits, tell the force's moderators how many messages a new protected name held."""
    if taken_down or flagged:
        transaction.on_commit(
            lambda: send_protected_name_alert.enqueue(force_id, taken_down, flagged), robust=True
        )


def alert_burst_once(force_id: int, recipient_key: str) -> None:
    """Once it commits, tell the force's moderators that a burst of messages to one recipient is
    held: once per burst, however many more arrive inside RECOGNITION_BURST_MINUTES, and on
    whichever worker (the claim is in the shared cache)."""
    digest = hashlib.sha256(recipient_key.encode()).hexdigest()
    claim = f"recognition.burst-alert:{force_id}:{digest}"
    if cache.add(claim, 1, timeout=settings.RECOGNITION_BURST_MINUTES * 60):
        transaction.on_commit(lambda: send_burst_alert.enqueue(force_id), robust=True)
