"""The public's side: submitting a thank-you, finding its receipt again, and taking it back."""

import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..models import ForceRecognitionSettings, Message, MessageStatus, ProtectedName
from ..screening import normalise_text, reads_as_thanks, screen_message
from ..tasks import send_moderation_digests, send_receipt
from ..tokens import hash_withdraw_token, withdraw_token_for
from ..versioning import bump_wall_version
from .alerts import alert_burst_once, alert_if_newly_safeguarding

RECENT_TEXTS_WINDOW = timedelta(days=2)
RECENT_TEXTS_LIMIT = 200
# How long one post of a form may hold its claim (a worker that dies mid-post loses it), and how
# long a copy of that post waits for it before going ahead on the unique constraint alone.
FORM_POST_CLAIM_SECONDS = 30
FORM_POST_WAIT_SECONDS = 15


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


def recipient_key(recipient: str) -> str:
    """Who is thanked, as bursts are counted: "PC 1234", "pc1234?" and "P.C. 1234" are not told
    apart by case, punctuation or spacing."""
    return "".join(re.findall(r"\w+", recipient.casefold()))[:200]


def _joins_burst(force, key: str, now) -> bool:
    """Whether this message, with those to the same recipient of `force` in the last
    RECOGNITION_BURST_MINUTES, makes RECOGNITION_BURST_LIMIT or more."""
    since = now - timedelta(minutes=settings.RECOGNITION_BURST_MINUTES)
    earlier = Message.objects.filter(force=force, recipient_key=key, created_at__gte=since)
    return bool(key) and earlier.count() + 1 >= settings.RECOGNITION_BURST_LIMIT


def _hold_burst(force, key: str, now) -> None:
    """Hold the burst together: the earlier messages of it still waiting are marked too, so the
    moderator reads them side by side. Those already published stay up."""
    since = now - timedelta(minutes=settings.RECOGNITION_BURST_MINUTES)
    Message.objects.filter(
        force=force, recipient_key=key, created_at__gte=since, status=MessageStatus.PENDING
    ).update(held_as_burst=True)


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
    A second post of the same form stores nothing more and returns the message the first one made.
    One of a burst to the same recipient (`_joins_burst`) is stored and held for a moderator, who
    is alerted once per burst."""
    body, recipient, from_name = normalise_text(body), normalise_text(recipient), normalise_text(from_name)
    flags = screen_message(
        body,
        recipient=recipient,
        from_name=from_name,
        recent_texts=recent_texts(),
        protected_names=protected_names_of(force),
    )
    now = timezone.now()
    key = recipient_key(recipient)
    in_burst = _joins_burst(force, key, now)
    publish_now = not in_burst and publishes_at_once(force, body, flags)
    withdraw_token = withdraw_token_for(form_token)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                force=force,
                station=station,
                recipient=recipient,
                recipient_key=key,
                body=body,
                from_name=from_name,
                email=email,
                language=language,
                form_token=form_token,
                withdraw_token_hash=hash_withdraw_token(withdraw_token),
                client_hash=client_hash,
                flags=[flag.as_dict() for flag in flags],
                held_as_burst=in_burst,
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
            if in_burst:
                _hold_burst(force, key, now)
                alert_burst_once(force.pk, key)
            if email:
                transaction.on_commit(lambda: send_receipt.enqueue(message.pk))
    except IntegrityError:
        existing = find_by_form_token(form_token)
        if existing is None:
            raise
        return existing
    return Submission(message=message, created=True, withdraw_token=withdraw_token)


@contextmanager
def one_post_of_a_form_at_a_time(form_token: uuid.UUID) -> Iterator[None]:
    """Handle the posts of one form one at a time, on every worker: copies of a post sent together
    (a double click, a refresh, a retrying proxy) wait here, then find the message the first one
    stored instead of a used proof of work or a second count against the rate limit. A claim ends
    by itself if its worker dies; past the wait a copy goes ahead on the unique constraint alone."""
    key, owner = f"recognition.form-post:{form_token.hex}", uuid.uuid4().hex
    deadline = time.monotonic() + FORM_POST_WAIT_SECONDS
    claimed = cache.add(key, owner, timeout=FORM_POST_CLAIM_SECONDS)
    while not claimed and time.monotonic() < deadline:
        time.sleep(0.05)
        claimed = cache.add(key, owner, timeout=FORM_POST_CLAIM_SECONDS)
    try:
        yield
    finally:
        if claimed and cache.get(key) == owner:
            cache.delete(key)


def withdraw_token_of(message: Message) -> str | None:
    """The message's withdraw token, derived again from its form token: under the current
    SECRET_KEY or, for a message stored before the key was rotated, the fallback key it was made
    under."""
    for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
        token = withdraw_token_for(message.form_token, secret)
        if hash_withdraw_token(token) == message.withdraw_token_hash:
            return token
    return None


def find_by_form_token(form_token: uuid.UUID) -> Submission | None:
    """The submission a form already made, for a repeated post of it: the same receipt again."""
    message = Message.objects.select_related("force", "station").filter(form_token=form_token).first()
    token = withdraw_token_of(message) if message else None
    if token is None:
        return None
    return Submission(message=message, created=False, withdraw_token=token)


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
