"""A force that publishes unflagged messages itself publishes only what screening flags for nothing
and what plainly reads as a thank-you; everything else waits for a moderator."""

import pytest
from django.core import mail

from recognition.models import ForceRecognitionSettings, Message, MessageStatus, ProtectedName
from recognition.screening import reads_as_thanks, screen_message
from recognition.screening.not_thanks import is_grateful
from tests.factories import submit_thanks

THANKS = "Thank you for staying with my dad until the ambulance came. You were so kind to him."
NOT_THANKS = "PC Smith came round on Tuesday."
HELD = {
    "safeguarding": "Thank you for your help last year. My partner hits me and I am scared to go home.",
    "complaint": "The officer was rude to me and I want to make a complaint.",
    "crime_report": "I want to report a crime, someone broke into my car last night",
    "phone": "Thank you! Call me on 07700 900123 any time.",
    "protected_name": "Thank you Jordan Blake for sitting with my mum all night.",
}


def submit(force, body):
    return submit_thanks(force, body).message


def test_a_plain_thank_you_is_published_at_once(force_hub, auto_publishing):
    assert screen_message(THANKS) == [] and reads_as_thanks(THANKS)

    assert submit(force_hub, THANKS).status == MessageStatus.APPROVED
    assert Message.objects.published().count() == 1


def test_an_unflagged_message_that_does_not_read_as_thanks_waits(force_hub, auto_publishing):
    assert screen_message(NOT_THANKS) == [] and not reads_as_thanks(NOT_THANKS)

    message = submit(force_hub, NOT_THANKS)

    assert message.status == MessageStatus.PENDING and message.published_at is None
    assert not Message.objects.published().exists()


@pytest.mark.parametrize("kind", HELD)
def test_a_flagged_message_of_any_kind_waits(force_hub, auto_publishing, kind):
    ProtectedName.objects.create(force=force_hub, name="Jordan Blake")

    message = submit(force_hub, HELD[kind])

    assert kind in {flag["kind"] for flag in message.flags}
    assert message.status == MessageStatus.PENDING
    assert not Message.objects.published().exists()


def test_a_safeguarding_disclosure_that_also_thanks_is_never_published_but_alerts(
    force_hub, force_editor, auto_publishing, after_commit
):
    # It thanks someone; the flag holds it, and so does the semantic layer's doubt.
    assert is_grateful(HELD["safeguarding"]) and not reads_as_thanks(HELD["safeguarding"])

    with after_commit():
        message = submit(force_hub, HELD["safeguarding"])

    assert message.status == MessageStatus.PENDING
    assert any(email.subject.startswith("Urgent") for email in mail.outbox)


def test_the_setting_says_so_in_plain_words(client, force_hub, force_editor):
    help_text = str(ForceRecognitionSettings._meta.get_field("auto_publish_unflagged").help_text)
    client.force_login(force_editor)
    client.get("/admin/thanks/forces/")

    html = client.get(f"/admin/thanks/forces/edit/{force_hub.recognition_settings.pk}/").content.decode()

    assert "plainly reads as a thank-you" in help_text and "flags for nothing at all" in help_text
    assert "safeguarding disclosure" in help_text and "always waits for a moderator" in help_text
    assert "plainly reads as a thank-you" in html
