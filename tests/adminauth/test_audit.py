"""Refusals in the admin are audit-logged (structlog): who, which force, where and what answer, and
never a password, a code or a message's words."""

import uuid

import pytest
from structlog.testing import capture_logs

from adminauth.audit import username_hash
from recognition.services import submit_message

from .conftest import sign_in

BODY = "Thank you Ffion for sitting with my mum all night, you were so kind to her."


def _values(events) -> str:
    return " ".join(str(value) for event in events for value in event.values())


@pytest.fixture
def foreign_message(other_force_hub):
    return submit_message(
        force=other_force_hub,
        station=None,
        recipient="The Newport team",
        body=BODY,
        from_name="",
        email="someone@example.org",
        language="en",
        form_token=uuid.uuid4(),
        client_hash="1" * 64,
    ).message


def test_a_cross_force_address_answered_404_is_logged_with_the_user_and_their_force(
    client, force_editor, foreign_message
):
    client.force_login(force_editor)
    with capture_logs() as events:
        response = client.get(f"/admin/thanks/messages/inspect/{foreign_message.pk}/?q=Ffion")

    assert response.status_code == 404
    denied = [event for event in events if event["event"] == "admin.denied"]
    assert denied == [
        {
            "event": "admin.denied",
            "log_level": "warning",
            "user_id": force_editor.pk,
            "forces": ["hertfordshire"],
            "path": f"/admin/thanks/messages/inspect/{foreign_message.pk}/",
            "status": 404,
            "client": denied[0]["client"],
        }
    ]
    assert "Ffion" not in _values(events) and "someone@example.org" not in _values(events)


def test_a_failed_login_is_logged_with_hashes_never_the_username_password_or_address(client, force_editor):
    with capture_logs() as events:
        sign_in(client, force_editor.username, "my secret guess", address="192.0.2.55")

    (failed,) = [event for event in events if event["event"] == "admin.login_failed"]
    assert failed["username"] == username_hash(force_editor.username)
    assert len(failed["client"]) == 32 and failed["path"] == "/admin/login/"
    logged = _values(events)
    assert (
        force_editor.username not in logged and "my secret guess" not in logged and "192.0.2.55" not in logged
    )


def test_a_lockout_is_logged(client, force_editor):
    with capture_logs() as events:
        for n in range(11):
            sign_in(client, force_editor.username, f"guess {n}")

    locked = [event for event in events if event["event"] == "admin.locked_out"]
    assert len(locked) == 2  # the tenth guess, which locks, and the eleventh, refused unheard
    assert {event["username"] for event in locked} == {username_hash(force_editor.username)}


def test_a_refused_code_is_logged_without_the_code(client, force_editor):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=force_editor, name="Phone", confirmed=True)
    client.force_login(force_editor)
    with capture_logs() as events:
        client.post("/admin/two-factor/verify/", {"code": "987654"})

    assert [event["event"] for event in events if event["event"].startswith("admin.")] == [
        "admin.code_refused"
    ]
    assert "987654" not in _values(events)
