"""Retention: contact details are erased and rejected or withdrawn messages deleted after the periods
the privacy notice states; published messages stay; nothing personal reaches the logs."""

import logging
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import ModelLogEntry

from recognition.models import Message, MessageStatus, RejectionReason
from recognition.services import (
    approve_message,
    edit_and_approve_message,
    purge_expired_messages,
    reject_message,
    submit_message,
    withdraw_message,
)
from recognition.tasks import purge_expired_messages as purge_task
from recognition.tasks import send_moderation_digests

EMAIL = "private.person@example.org"
CLIENT_HASH = "9" * 64
CONTACT_DAYS, REJECTED_DAYS = 30, 90


@pytest.fixture(autouse=True)
def _retention_periods(settings):
    settings.RECOGNITION_CONTACT_RETENTION_DAYS = CONTACT_DAYS
    settings.RECOGNITION_REJECTED_RETENTION_DAYS = REJECTED_DAYS


def submit(force, body="Thank you for staying with my dad until the ambulance came."):
    return submit_message(
        force=force,
        station=None,
        recipient="The Hatfield team",
        body=body,
        from_name="Sam",
        email=EMAIL,
        language="en",
        form_token=uuid.uuid4(),
        client_hash=CLIENT_HASH,
    )


def days(n):
    return timezone.now() + timedelta(days=n)


def test_contact_details_are_erased_after_the_period_and_not_before(force_hub, force_editor):
    message = approve_message(message=submit(force_hub).message, user=force_editor)

    assert purge_expired_messages(now=days(CONTACT_DAYS - 1)).contacts_erased == 0
    assert Message.objects.get().email == EMAIL

    report = purge_expired_messages(now=days(CONTACT_DAYS + 1))

    assert report.contacts_erased == 1
    message.refresh_from_db()
    assert (message.email, message.client_hash) == ("", "")
    assert message.contact_erased_at is not None
    assert message.status == MessageStatus.APPROVED and Message.objects.published().exists()
    assert ModelLogEntry.objects.filter(
        action="recognition.erase_contact", object_id=str(message.pk)
    ).exists()


def test_a_redacted_original_is_erased_with_the_contact_details(force_hub, force_editor):
    message = submit(force_hub, "Thank you PC Ellis. Ring me on 07700 900123.").message
    edit_and_approve_message(
        message=message, user=force_editor, body="Thank you PC Ellis.", recipient="PC Ellis", from_name=""
    )

    purge_expired_messages(now=days(CONTACT_DAYS + 1))

    assert Message.objects.get().original_body == ""


def test_a_message_still_waiting_loses_its_contact_details_after_the_period(force_hub):
    submit(force_hub)

    purge_expired_messages(now=days(CONTACT_DAYS + 1))

    message = Message.objects.get()
    assert message.status == MessageStatus.PENDING and message.email == ""


def test_the_withdraw_link_still_works_after_the_erasure(force_hub, force_editor):
    submission = submit(force_hub)
    approve_message(message=submission.message, user=force_editor)
    purge_expired_messages(now=days(CONTACT_DAYS + 1))

    withdraw_message(token=submission.withdraw_token)

    assert not Message.objects.published().exists()


def test_rejected_messages_are_deleted_after_their_period_and_not_before(force_hub, force_editor):
    message = reject_message(
        message=submit(force_hub).message, user=force_editor, reason=RejectionReason.ABUSIVE
    )

    assert purge_expired_messages(now=days(REJECTED_DAYS - 1)).messages_deleted == 0
    assert Message.objects.filter(pk=message.pk).exists()

    assert purge_expired_messages(now=days(REJECTED_DAYS + 1)).messages_deleted == 1
    assert not Message.objects.exists()
    # The audit trail outlives the message, and holds none of its words.
    entries = ModelLogEntry.objects.filter(object_id=str(message.pk), content_type__model="message")
    assert set(entries.values_list("action", flat=True)) >= {"recognition.reject", "recognition.purge"}
    assert all("Hatfield" not in entry.label and EMAIL not in str(entry.data) for entry in entries)


def test_withdrawn_messages_are_deleted_after_their_period(force_hub):
    withdraw_message(token=submit(force_hub).withdraw_token)

    purge_expired_messages(now=days(REJECTED_DAYS - 1))
    assert Message.objects.exists()
    purge_expired_messages(now=days(REJECTED_DAYS + 1))
    assert not Message.objects.exists()


def test_published_and_pending_messages_are_kept(force_hub, force_editor):
    approve_message(message=submit(force_hub).message, user=force_editor)
    submit(force_hub, "To the officers from Hatfield: thank you for keeping us calm.")

    report = purge_expired_messages(now=days(REJECTED_DAYS * 10))

    assert report.messages_deleted == 0
    assert Message.objects.count() == 2


def test_the_periods_are_settings(force_hub, force_editor):
    reject_message(message=submit(force_hub).message, user=force_editor, reason=RejectionReason.OTHER)

    with override_settings(RECOGNITION_REJECTED_RETENTION_DAYS=1, RECOGNITION_CONTACT_RETENTION_DAYS=1):
        report = purge_expired_messages(now=days(2))

    assert report.messages_deleted == 1


def test_purging_twice_changes_nothing_more(force_hub, force_editor):
    approve_message(message=submit(force_hub).message, user=force_editor)
    purge_expired_messages(now=days(CONTACT_DAYS + 1))

    report = purge_expired_messages(now=days(CONTACT_DAYS + 2))

    assert (report.contacts_erased, report.messages_deleted) == (0, 0)


def test_the_command_and_the_task_purge(force_hub, force_editor, capsys):
    old = timezone.now() - timedelta(days=REJECTED_DAYS + 1)
    reject_message(message=submit(force_hub).message, user=force_editor, reason=RejectionReason.OTHER)
    Message.objects.update(decided_at=old, created_at=old)

    call_command("purge_messages")

    assert "Messages deleted: 1." in capsys.readouterr().out
    assert not Message.objects.exists()
    assert purge_task.call() == {"contacts_erased": 0, "messages_deleted": 0}


def test_the_privacy_notice_states_the_periods(client, db):
    html = client.get("/thanks/privacy/").content.decode()

    assert str(CONTACT_DAYS) in html and str(REJECTED_DAYS) in html


def test_no_email_address_or_client_hash_reaches_the_logs(
    client, caplog, post_thanks, force_hub, force_editor, django_capture_on_commit_callbacks
):
    for name in ("", "django", "django_tasks", "wagtail", "recognition"):
        caplog.set_level(logging.DEBUG, logger=name)
    with django_capture_on_commit_callbacks(execute=True):
        post_thanks(force_hub, email=EMAIL)
    message = Message.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        approve_message(message=message, user=force_editor)
        send_moderation_digests.call()
    client.force_login(force_editor)
    client.get(f"/admin/thanks/messages/inspect/{message.pk}/")
    client.post(f"/admin/thanks/messages/reject/{message.pk}/", {"reason": "other"})
    purge_expired_messages(now=days(REJECTED_DAYS + 1))

    logged = "\n".join(f"{record.getMessage()} {record.args} {record.__dict__}" for record in caplog.records)
    assert caplog.records, "the tasks' own logging is captured too"
    assert EMAIL not in logged and message.client_hash not in logged
    assert not ModelLogEntry.objects.filter(data__icontains="example.org").exists()
