"""A burst of thanks to one recipient from many addresses is stored, acknowledged, and held
together for a moderator, who is alerted once."""

import pytest
from django.core import mail
from django.test import Client

from recognition.models import Message, MessageStatus
from recognition.services.submission import recipient_key

from .conftest import FORM_PATH, thanks_data

SPELLINGS = ["PC 1234", "pc 1234!", "P.C. 1234", "Pc  1234", "PC1234"]
BODIES = [
    "Thank you for finding my son when he went missing in the park.",
    "You stayed calm when our car was hit, and kept my children smiling. Thank you.",
    "Thank you for coming so quickly when my neighbour fell on the ice last winter.",
    "Huge thanks for the kindness you showed my grandmother after the burglary.",
    "Thank you for helping us home after the match when the trains stopped running.",
]


@pytest.fixture
def burst_of_three(settings):
    settings.RECOGNITION_BURST_LIMIT = 3
    settings.RECOGNITION_BURST_MINUTES = 60


def _thank(hub, recipient: str, n: int, *, path: str = FORM_PATH):
    """A thank-you from an address of its own, as a crowd's would come."""
    client = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")
    html = client.get(path).content.decode()
    response = client.post(path, thanks_data(html, hub, recipient=recipient, body=BODIES[n % len(BODIES)]))
    assert response.status_code == 303
    return client.get(response["Location"])


def _burst_alerts() -> list:
    return [email for email in mail.outbox if "Many messages to one recipient" in email.subject]


def test_the_recipient_is_counted_whatever_its_case_punctuation_or_spacing():
    assert len({recipient_key(spelling) for spelling in SPELLINGS}) == 1
    assert recipient_key("PC 1234") != recipient_key("PC 1235")


def test_a_burst_is_stored_acknowledged_and_held_together(
    force_hub, auto_publishing, burst_of_three, force_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        receipts = [_thank(force_hub, spelling, n) for n, spelling in enumerate(SPELLINGS)]

    assert all("Your message has been received" in r.content.decode() for r in receipts)
    messages = list(Message.objects.order_by("pk"))
    assert len(messages) == 5
    # Before the burst the force's own rule published the first two; from the third on, none is.
    assert [m.status for m in messages] == [MessageStatus.APPROVED] * 2 + [MessageStatus.PENDING] * 3
    assert [m.held_as_burst for m in messages] == [False, False, True, True, True]
    assert Message.objects.published().count() == 2


def test_the_waiting_messages_of_a_burst_are_held_with_it(
    force_hub, burst_of_three, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n, spelling in enumerate(SPELLINGS[:3]):
            _thank(force_hub, spelling, n)

    assert list(Message.objects.values_list("held_as_burst", flat=True)) == [True, True, True]
    assert Message.objects.filter(status=MessageStatus.PENDING).count() == 3


def test_the_moderators_are_alerted_once_per_burst_without_its_words(
    force_hub, burst_of_three, force_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n, spelling in enumerate(SPELLINGS):
            _thank(force_hub, spelling, n)

    (alert,) = _burst_alerts()
    assert alert.to == [force_editor.email]
    assert "Hertfordshire Constabulary" in alert.subject
    assert "/admin/thanks/messages/" in alert.body and "3 or more" in alert.body
    assert "1234" not in alert.body and not any(body[:20] in alert.body for body in BODIES)


def test_fewer_than_the_limit_or_to_different_recipients_is_no_burst(
    force_hub, burst_of_three, force_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _thank(force_hub, "PC 1234", 0)
        _thank(force_hub, "PC 1234", 1)
        _thank(force_hub, "PC 9876", 2)
        _thank(force_hub, "The Hatfield response team", 3)

    assert Message.objects.count() == 4
    assert not Message.objects.filter(held_as_burst=True).exists()
    assert _burst_alerts() == []


def test_a_burst_at_one_force_holds_nothing_at_another(
    force_hub, other_force_hub, burst_of_three, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _thank(force_hub, "PC 1234", 0)
        _thank(force_hub, "PC 1234", 1)
        _thank(other_force_hub, "PC 1234", 2)

    assert not Message.objects.filter(held_as_burst=True).exists()


def test_messages_older_than_the_window_are_not_part_of_the_burst(
    force_hub, burst_of_three, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _thank(force_hub, "PC 1234", 0)
        _thank(force_hub, "PC 1234", 1)
    Message.objects.update(created_at="2020-01-01T00:00:00Z")

    with django_capture_on_commit_callbacks(execute=True):
        _thank(force_hub, "PC 1234", 2)

    assert not Message.objects.filter(held_as_burst=True).exists()


def test_the_default_is_twenty_in_an_hour(settings):
    assert (settings.RECOGNITION_BURST_LIMIT, settings.RECOGNITION_BURST_MINUTES) == (20, 60)


def test_the_moderator_sees_the_burst_marked_and_can_list_it_together(
    client, force_hub, burst_of_three, force_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for n, spelling in enumerate(SPELLINGS[:3]):
            _thank(force_hub, spelling, n)
    alone = Message.objects.create(
        force=force_hub, recipient="The Hatfield team", body="Thank you all for the open day at the station."
    )
    client.force_login(force_editor)

    held = Message.objects.filter(held_as_burst=True).first()
    page = client.get(f"/admin/thanks/messages/inspect/{held.pk}/").content.decode()
    assert "data-burst" in page and "held=burst" in page
    assert "data-burst" not in client.get(f"/admin/thanks/messages/inspect/{alone.pk}/").content.decode()

    listing = client.get("/admin/thanks/messages/", {"held": "burst"}).content.decode()
    assert BODIES[0] in listing and "open day at the station" not in listing
