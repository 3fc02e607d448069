"""Background tasks (django-tasks): the submitter's receipt, moderators' digests and urgent alerts,
the retention purge."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django_tasks import task

from home import tenancy

from .models import ForceRecognitionSettings, Message, MessageStatus
from .screening import FlagKind
from .tokens import withdraw_token_for

logger = logging.getLogger(__name__)
ForceHubPage = Message._meta.get_field("force").related_model


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def send_receipt(message_id: int) -> None:
    """Email the submitter a receipt with the private link to withdraw the message."""
    message = Message.objects.select_related("force").filter(pk=message_id).exclude(email="").first()
    if message is None:
        return
    with translation.override(message.language):
        token = withdraw_token_for(message.form_token)
        context = {
            "message": message,
            "withdraw_url": absolute_url(reverse("recognition:withdraw", args=[token])),
            "privacy_url": absolute_url(reverse("recognition:privacy")),
        }
        subject = render_to_string("recognition/emails/receipt_subject.txt", context).strip()
        body = render_to_string("recognition/emails/receipt.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [message.email])


@dataclass(frozen=True)
class ForceDigest:
    """One force's line in a digest: counts and a link, never a message's words."""

    settings: ForceRecognitionSettings
    previous_sent_at: datetime | None
    new: int
    waiting: int

    @property
    def queue_url(self) -> str:
        query = urlencode({"force": self.settings.force_id, "status": MessageStatus.PENDING})
        return absolute_url(f"{reverse('recognition_messages:index')}?{query}")


def _pending_counts() -> dict[int, int]:
    pending = Message.objects.filter(status=MessageStatus.PENDING).order_by()
    return dict(pending.values_list("force_id").annotate(count=Count("pk")))


def _claim_due_forces(now: datetime) -> list[ForceDigest]:
    """The forces with pending messages newer than their last digest, whose last digest is at least
    RECOGNITION_DIGEST_MINUTES old, each claimed by moving its `last_digest_sent_at` to `now` with a
    compare-and-set: of two workers reading the same row, only one claims it."""
    waiting = _pending_counts()
    ForceRecognitionSettings.objects.bulk_create(
        [ForceRecognitionSettings(force_id=force_id) for force_id in waiting], ignore_conflicts=True
    )
    window_start = now - timedelta(minutes=settings.RECOGNITION_DIGEST_MINUTES)
    candidates = ForceRecognitionSettings.objects.filter(force_id__in=waiting).filter(
        Q(last_digest_sent_at__isnull=True) | Q(last_digest_sent_at__lte=window_start)
    )
    claimed = []
    for row in candidates.select_related("force"):
        since = row.last_digest_sent_at
        pending = Message.objects.filter(force_id=row.force_id, status=MessageStatus.PENDING)
        new = pending.filter(created_at__gt=since).count() if since else waiting[row.force_id]
        if not new:
            continue
        if ForceRecognitionSettings.objects.filter(pk=row.pk, last_digest_sent_at=since).update(
            last_digest_sent_at=now
        ):
            claimed.append(ForceDigest(row, since, new, waiting[row.force_id]))
    return claimed


def _release(digests: list[ForceDigest], now: datetime) -> None:
    """Give claimed forces back after a failed send, so the next run tries again."""
    for digest in digests:
        ForceRecognitionSettings.objects.filter(pk=digest.settings.pk, last_digest_sent_at=now).update(
            last_digest_sent_at=digest.previous_sent_at
        )


def moderators_of(hub):
    """Who is told of a force's queue: active users with an email address who moderate it (its
    editors and its moderators, `home.tenancy`). Superusers are not included: they may moderate
    every force, but are not moderators, and would get every force's digest."""
    return tenancy.moderators_of(hub).exclude(email="")


def _digest_emails(digests: list[ForceDigest]) -> list[EmailMessage]:
    per_user: dict = {}
    for digest in digests:
        for user in moderators_of(digest.settings.force):
            per_user.setdefault(user.pk, (user, []))[1].append(digest)
    emails = []
    with translation.override(settings.LANGUAGE_CODE):
        for user, forces in per_user.values():
            context = {
                "forces": forces,
                "total_new": sum(force.new for force in forces),
                "minutes": settings.RECOGNITION_DIGEST_MINUTES,
            }
            subject = render_to_string("recognition/emails/digest_subject.txt", context).strip()
            body = render_to_string("recognition/emails/digest.txt", context)
            emails.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    return emails


@task()
def send_moderation_digests() -> int:
    """Tell each force's moderators that new messages wait, at most once per force every
    RECOGNITION_DIGEST_MINUTES. Enqueued after every submission and run by cron
    (`manage.py send_moderation_digests`) for what arrived inside a window. Returns emails sent."""
    now = timezone.now()
    digests = _claim_due_forces(now)
    if not digests:
        return 0
    emails = _digest_emails(digests)
    try:
        sent = get_connection().send_messages(emails) or 0
    except Exception:
        _release(digests, now)
        logger.exception("moderation digest not sent", extra={"forces": len(digests)})
        raise
    return sent


def moderation_url(message: Message) -> str:
    return absolute_url(reverse("recognition_messages:inspect", args=[message.pk]))


def _send_to_moderators(hub, template: str, context: dict) -> int:
    """One email per moderator of `hub` (no moderator sees another's address), in the site's
    language, from `<template>_subject.txt` and `<template>.txt`. Returns emails sent."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    emails = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]) for user in moderators_of(hub)
    ]
    if not emails:
        return 0
    return get_connection().send_messages(emails) or 0


@task()
def send_safeguarding_alert(message_id: int) -> int:
    """Tell the force's moderators at once that a message reads as a safeguarding disclosure, with
    a link to it and whom to refer it to; like the digest, never the message's words. Nothing is
    sent once the message is referred (or gone). Returns emails sent."""
    message = Message.objects.select_related("force").filter(pk=message_id, referred_at__isnull=True).first()
    if message is None or not message.reads_as_safeguarding:
        return 0
    context = {
        "message": message,
        "contact": ForceRecognitionSettings.objects.filter(force_id=message.force_id).first(),
        "moderation_url": moderation_url(message),
    }
    return _send_to_moderators(message.force, "recognition/emails/safeguarding_alert", context)


@task()
def send_burst_alert(force_id: int) -> int:
    """Tell the force's moderators that many messages to one recipient arrived together and wait,
    held, for them to read side by side: a count and a link, never the recipient or the words.
    Returns emails sent."""
    force = ForceHubPage.objects.filter(pk=force_id).first()
    if force is None:
        return 0
    held = Message.objects.filter(force_id=force_id, status=MessageStatus.PENDING, held_as_burst=True)
    query = urlencode({"force": force_id, "status": MessageStatus.PENDING})
    context = {
        "force": force,
        "held": held.count(),
        "limit": settings.RECOGNITION_BURST_LIMIT,
        "minutes": settings.RECOGNITION_BURST_MINUTES,
        "queue_url": absolute_url(f"{reverse('recognition_messages:index')}?{query}"),
    }
    return _send_to_moderators(force, "recognition/emails/burst_alert", context)


@task()
def send_protected_name_alert(force_id: int, taken_down: int, flagged: int) -> int:
    """Tell the force's moderators that a newly protected name took messages off the wall or held
    them: counts and a link only, never the name or the messages. Returns emails sent."""
    force = ForceHubPage.objects.filter(pk=force_id).first()
    if force is None or not (taken_down or flagged):
        return 0
    query = urlencode({"force": force_id, "status": MessageStatus.PENDING, "flag": FlagKind.PROTECTED_NAME})
    context = {
        "force": force,
        "taken_down": taken_down,
        "flagged": flagged,
        "queue_url": absolute_url(f"{reverse('recognition_messages:index')}?{query}"),
    }
    return _send_to_moderators(force, "recognition/emails/protected_name_alert", context)


@task()
def purge_expired_messages() -> dict:
    """The retention purge (`recognition.services.purge_expired_messages`) as a task."""
    # Imported here: the services import this module to enqueue tasks.
    from .services.retention import purge_expired_messages as purge

    report = purge()
    return {"contacts_erased": report.contacts_erased, "messages_deleted": report.messages_deleted}
