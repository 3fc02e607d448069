"""The public's side: submitting a thank-you and taking it back."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..models import ForceRecognitionSettings, Message, MessageStatus, ProtectedName
from ..screening import normalise_text, reads_as_thanks, screen_message
from ..tasks import send_moderation_digests, send_receipt
from ..tokens import hash_withdraw_token, withdraw_token_for
from ..versioning import bump_wall_version
from .alerts import alert_if_newly_safeguarding

RECENT_TEXTS_WINDOW = timedelta(days=2)
RECENT_TEXTS_LIMIT = 200


@dataclass(frozen=True)
class Submission:
    message: Message
    created: bool
    withdraw_token: str


def recent_texts(*, exclude_pk: int | None = None) -> list[str]:
    """Bodies received lately, for the duplicate check (a message is never its own duplicate)."""
    since = timezone.now() - RECENT_TEXTS_WINDOW
    messages = Message.objects.filter(created_at__gte=since).exclude(pk=exclude_pk)
    return list(messages.order_by("-created_at").values_list("body", flat=True)[:RECENT_TEXTS_LIMIT])


def protected_names_of(force) -> list[str]:
    return list(ProtectedName.objects.filter(force=force).values_list("name", flat=True))


def _publishes_unflagged(force) -> bool:
    return ForceRecognitionSettings.objects.filter(force=force, auto_publish_unflagged=True).exists()


def publishes_at_once(force, body: str, flags) -> bool:
    """Whether a new message goes straight to the wall: only where the force has opted in, only
    with no flag of any kind (so never a safeguarding disclosure, a complaint or a protected name),
    and only when it plainly reads as a thank-you. Anything else waits for a moderator."""
    return not flags and reads_as_thanks(body) and _publishes_unflagged(force)


def submit_message(
    *,
    force,
    station,
    recipient: str,
    body: str,
    from_name: str,
    email: str,
    language: str,
    form_token: uuid.UUID,
    client_hash: str,
) -> Submission:
    """Screen and store a thank-you from the public, pending a moderator unless it may be published
    at once (`publishes_at_once`). A safeguarding disclosure alerts the force's moderators at once.
    A second post of the same form stores nothing more and returns the message the first one made."""
    body, recipient, from_name = normalise_text(body), normalise_text(recipient), normalise_text(from_name)
    flags = screen_message(
        body,
        recipient=recipient,
        from_name=from_name,
        recent_texts=recent_texts(),
        protected_names=protected_names_of(force),
    )
    publish_now = publishes_at_once(force, body, flags)
    now = timezone.now()
    withdraw_token = withdraw_token_for(form_token)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                force=force,
                station=station,
                recipient=recipient,
                body=body,
                from_name=from_name,
                email=email,
                language=language,
                form_token=form_token,
                withdraw_token_hash=hash_withdraw_token(withdraw_token),
                client_hash=client_hash,
                flags=[flag.as_dict() for flag in flags],
                status=MessageStatus.APPROVED if publish_now else MessageStatus.PENDING,
                decided_at=now if publish_now else None,
                published_at=now if publish_now else None,
            )
            # Kinds only: the log outlives the message and must hold none of its words.
            log(
                instance=message,
                action="recognition.submit",
                data={"flags": sorted({str(f.kind) for f in flags})},
            )
            if publish_now:
                log(instance=message, action="recognition.auto_publish")
                bump_wall_version()
            else:
                # The task itself keeps to one digest per force every RECOGNITION_DIGEST_MINUTES.
                transaction.on_commit(send_moderation_digests.enqueue, robust=True)
            alert_if_newly_safeguarding(message)
            if email:
                transaction.on_commit(lambda: send_receipt.enqueue(message.pk))
    except IntegrityError:
        message = Message.objects.get(form_token=form_token)
        return Submission(message=message, created=False, withdraw_token=withdraw_token)
    return Submission(message=message, created=True, withdraw_token=withdraw_token)


def find_by_withdraw_token(token: str) -> Message | None:
    return (
        Message.objects.select_related("force", "station")
        .filter(withdraw_token_hash=hash_withdraw_token(token))
        .first()
    )


@transaction.atomic
def withdraw_message(*, token: str) -> Message | None:
    """The submitter takes their message back, at once and everywhere it is shown."""
    message = (
        Message.objects.select_for_update().filter(withdraw_token_hash=hash_withdraw_token(token)).first()
    )
    if message is None or message.status == MessageStatus.WITHDRAWN:
        return message
    was_public = message.status == MessageStatus.APPROVED
    message.status = MessageStatus.WITHDRAWN
    message.withdrawn_at = timezone.now()
    message.save(update_fields=["status", "withdrawn_at"])
    log(instance=message, action="recognition.withdraw")
    if was_public:
        bump_wall_version()
    return message
