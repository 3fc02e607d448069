"""Retention: what is kept of a message, and for how long. The privacy notice states these periods.

- Contact details (the email address, the client address hash) and a redacted message's original
  words are erased RECOGNITION_CONTACT_RETENTION_DAYS after the message was decided, withdrawn or,
  while still pending, received.
- Rejected and withdrawn messages are deleted RECOGNITION_REJECTED_RETENTION_DAYS after the
  rejection or withdrawal. Their audit log entries stay: they hold ids, actions and reasons, no words.
  A safeguarding disclosure is kept past that period until a moderator records its referral to the
  force's control room or safeguarding hub; the next purge after the referral deletes it.
- Published messages stay until the submitter withdraws them.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.log_actions import log

from ..models import Message, MessageStatus, awaiting_referral

CHUNK = 500


@dataclass(frozen=True)
class PurgeReport:
    contacts_erased: int
    messages_deleted: int


def _erase_contacts(cutoff: datetime, now: datetime) -> int:
    expired = (
        Message.objects.filter(contact_erased_at__isnull=True)
        .alias(kept_since=Coalesce("withdrawn_at", "decided_at", "created_at"))
        .filter(kept_since__lt=cutoff)
    )
    erased = 0
    while ids := list(expired.values_list("pk", flat=True)[:CHUNK]):
        with transaction.atomic():
            erased += Message.objects.filter(pk__in=ids, contact_erased_at__isnull=True).update(
                email="", client_hash="", original_body="", contact_erased_at=now
            )
            for pk in ids:
                log(instance=Message(pk=pk), action="recognition.erase_contact")
    return erased


def _delete_expired(cutoff: datetime) -> int:
    expired = (
        Message.objects.filter(status__in=[MessageStatus.REJECTED, MessageStatus.WITHDRAWN])
        .filter(Q(withdrawn_at__lt=cutoff) | Q(withdrawn_at__isnull=True, decided_at__lt=cutoff))
        .exclude(awaiting_referral())
        .order_by("pk")
    )
    deleted = 0
    while True:
        with transaction.atomic():
            # Locked, so a moderator putting a rejection right at this moment is not deleted under them.
            ids = list(expired.select_for_update().values_list("pk", flat=True)[:CHUNK])
            if not ids:
                return deleted
            for pk in ids:
                log(instance=Message(pk=pk), action="recognition.purge", deleted=True)
            deleted += Message.objects.filter(pk__in=ids).delete()[0]


def purge_expired_messages(*, now: datetime | None = None) -> PurgeReport:
    """Erase expired contact details and delete expired rejected and withdrawn messages. Safe to run
    as often as you like: cron or a systemd timer runs `manage.py purge_messages` daily."""
    now = now or timezone.now()
    deleted = _delete_expired(now - timedelta(days=settings.RECOGNITION_REJECTED_RETENTION_DAYS))
    erased = _erase_contacts(now - timedelta(days=settings.RECOGNITION_CONTACT_RETENTION_DAYS), now)
    return PurgeReport(contacts_erased=erased, messages_deleted=deleted)
