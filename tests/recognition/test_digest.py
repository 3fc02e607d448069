"""Moderators hear of new messages: one digest per force at most every RECOGNITION_DIGEST_MINUTES,
to that force's moderators only, with counts and links and never a message's words."""

import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from home.demo import ensure_group
from recognition.models import ForceRecognitionSettings, Message
from recognition.services import submit_message
from recognition.tasks import send_moderation_digests
from tests.factories import UserFactory

PAYLOAD = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def submit(force, body="Thank you for staying with my dad until the ambulance came.", **kwargs):
    return submit_message(
        force=force,
        station=None,
        recipient=kwargs.get("recipient", "The Hatfield team"),
        body=body,
        from_name=kwargs.get("from_name", "Sam"),
        email=kwargs.get("email", ""),
        language="en",
        form_token=uuid.uuid4(),
        client_hash="2" * 64,
    ).message


@pytest.fixture
def gwent_editor(other_force_hub):
    user = UserFactory(username="gwent-editor")
    user.groups.add(ensure_group("Gwent Police editors", other_force_hub, None))
    return user


def digests_to(address):
    return [email for email in mail.outbox if email.to == [address]]


def a_window_later(force):
    """Move the force's last digest back by more than the window, as if time had passed."""
    from django.conf import settings

    earlier = timezone.now() - timedelta(minutes=settings.RECOGNITION_DIGEST_MINUTES + 1)
    ForceRecognitionSettings.objects.filter(force=force).update(last_digest_sent_at=earlier)
    Message.objects.filter(force=force).update(created_at=earlier - timedelta(minutes=1))


def test_a_submission_tells_that_forces_moderators_only(
    force_hub, force_editor, national_editor, gwent_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(force_hub)

    assert {address for email in mail.outbox for address in email.to} == {
        force_editor.email,
        national_editor.email,
    }
    assert "1 new thank-you message to moderate" in mail.outbox[0].subject


def test_at_most_one_digest_per_force_per_window(force_hub, force_editor):
    submit(force_hub)
    send_moderation_digests.enqueue()
    for _ in range(3):
        submit(force_hub, body=f"Thank you again, officers, you were kind {uuid.uuid4()}.")
        send_moderation_digests.enqueue()

    assert len(digests_to(force_editor.email)) == 1


def test_a_new_digest_after_the_window_counts_what_is_new(force_hub, force_editor):
    submit(force_hub)
    send_moderation_digests.call()
    a_window_later(force_hub)
    submit(force_hub, body="Thank you to the response team, you were all so patient with us.")

    send_moderation_digests.call()

    emails = digests_to(force_editor.email)
    assert len(emails) == 2
    assert "1 new, 2 waiting in all" in emails[1].body


def test_no_digest_when_nothing_is_new(force_hub, force_editor):
    submit(force_hub)
    send_moderation_digests.call()
    a_window_later(force_hub)

    send_moderation_digests.call()

    assert len(digests_to(force_editor.email)) == 1


def test_no_digest_for_published_messages(force_hub, force_editor, auto_publishing):
    submit(force_hub)

    assert send_moderation_digests.call() == 0


def test_superusers_inactive_users_and_users_without_email_are_not_told(force_hub, force_editor, admin_user):
    group = force_editor.groups.get()
    UserFactory(username="left", is_active=False).groups.add(group)
    UserFactory(username="no-email", email="").groups.add(group)
    submit(force_hub)

    send_moderation_digests.call()

    assert [email.to for email in mail.outbox] == [[force_editor.email]]


def test_the_digest_holds_counts_and_links_never_words_or_contact_details(force_hub, force_editor):
    message = submit(
        force_hub, body=f"Thank you {PAYLOAD}", recipient=PAYLOAD, from_name=PAYLOAD, email="s@example.org"
    )

    send_moderation_digests.call()

    email = digests_to(force_editor.email)[0]
    text = email.subject + email.body
    assert "Hertfordshire Constabulary: 1 new, 1 waiting in all" in email.body
    assert f"http://testserver/admin/thanks/messages/?force={force_hub.pk}&status=pending" in email.body
    for private in ("<script", "onerror", "alert(", "s@example.org", message.client_hash, "Thank you"):
        assert private not in text
    assert not getattr(email, "alternatives", None)  # plain text only: nothing to render markup


def test_a_failed_send_is_tried_again_next_time(force_hub, force_editor):
    submit(force_hub)
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError):
        with pytest.raises(OSError):
            send_moderation_digests.call()

    assert ForceRecognitionSettings.objects.get(force=force_hub).last_digest_sent_at is None
    send_moderation_digests.call()
    assert len(digests_to(force_editor.email)) == 1


def test_a_claimed_force_is_not_claimed_twice(force_hub, force_editor):
    """Two workers that read the same row: only the first compare-and-set wins."""
    from recognition import tasks

    submit(force_hub)
    now = timezone.now()

    first, second = tasks._claim_due_forces(now), tasks._claim_due_forces(now)

    assert len(first) == 1 and second == []


def test_the_command_sends_the_digests(force_hub, force_editor, capsys):
    submit(force_hub)

    call_command("send_moderation_digests")

    assert "Moderation digests sent: 1." in capsys.readouterr().out
    assert len(mail.outbox) == 1
