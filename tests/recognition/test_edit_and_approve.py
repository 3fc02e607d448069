"""Edit-and-approve screens the edited words again: a protected name, however it is disguised and in
whichever field, is never published, and no override lets anyone (a superuser included) approve it."""

import pytest

from recognition.models import Message, MessageStatus, ProtectedName
from recognition.screening import FlagKind, normalise_text, screen_message
from recognition.services import NamesProtectedName, approve_message, edit_and_approve_message
from tests.factories import UserFactory, submit_thanks

ADMIN = "/admin/thanks/messages/"
THANKS = "Thank you for staying with my dad until the ambulance came. You were so kind to him."

# (protected name, an edit that writes it in disguise). The first two are caught by the screening
# being worked on now (spaced-out letters, digits for letters); the others by the screening as
# committed before it (look-alike Cyrillic and full-width letters, a dotted rank).
DISGUISES = [
    ("Hill", "Thank you PC H i l l for sitting with me all night."),
    ("Jordan Blake", "Thank you J0rdan Blake, you were so kind to my dad."),
    ("Jordan Blake", "Thank you J\u043erdan Blake, you were so kind to my dad."),
    (
        "Jordan Blake",
        "Thank you \uff2a\uff4f\uff52\uff44\uff41\uff4e \uff22\uff4c\uff41\uff4b\uff45, you were so kind.",
    ),
    ("PC 4471", "Thank you P.C. 4471 for the lift home, you were so kind."),
]
IDS = ["spaced", "digit-for-letter", "cyrillic", "full-width", "dotted-rank"]


def submit(force, body=THANKS):
    return submit_thanks(force, body, from_name="Sam").message


def protected_kinds(text: str, name: str) -> set:
    return {flag.kind for flag in screen_message(normalise_text(text), protected_names=[name])}


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture
def pending(force_hub):
    return submit(force_hub)


def unchanged(message) -> bool:
    saved = Message.objects.get(pk=message.pk)
    return (saved.status, saved.body, saved.published_at, saved.original_body) == (
        MessageStatus.PENDING,
        THANKS,
        None,
        "",
    )


@pytest.mark.parametrize(("name", "edit"), DISGUISES, ids=IDS)
def test_an_edit_cannot_publish_a_disguised_protected_name(
    force_hub, force_editor, superuser, pending, name, edit
):
    assert FlagKind.PROTECTED_NAME in protected_kinds(edit, name), f"screening no longer finds {name!r}"
    ProtectedName.objects.create(force=force_hub, name=name)

    for user in (force_editor, superuser):
        with pytest.raises(NamesProtectedName):
            edit_and_approve_message(
                message=pending, user=user, body=edit, recipient="PC Ellis", from_name="", override_flags=True
            )

    assert unchanged(pending)
    assert not Message.objects.published().exists()


@pytest.mark.parametrize("field", ["recipient", "from_name"])
def test_an_edit_cannot_move_a_protected_name_into_another_field(force_hub, superuser, pending, field):
    ProtectedName.objects.create(force=force_hub, name="Jordan Blake")
    values = {"body": THANKS, "recipient": "The Hatfield team", "from_name": "", field: "J\u043erdan Blake"}

    with pytest.raises(NamesProtectedName):
        edit_and_approve_message(message=pending, user=superuser, override_flags=True, **values)

    assert unchanged(pending)


def test_a_protected_name_flag_is_never_approved_even_by_a_superuser_overriding(force_hub, superuser):
    ProtectedName.objects.create(force=force_hub, name="Jordan Blake")
    message = submit(force_hub, "Thank you Jordan Blake for sitting with my mum all night.")
    assert FlagKind.PROTECTED_NAME in {flag["kind"] for flag in message.flags}

    with pytest.raises(NamesProtectedName):
        approve_message(message=message, user=superuser, override_flags=True)
    with pytest.raises(NamesProtectedName):
        edit_and_approve_message(
            message=message,
            user=superuser,
            body=message.body,
            recipient=message.recipient,
            from_name=message.from_name,
            override_flags=True,
        )

    assert Message.objects.get().status == MessageStatus.PENDING


def test_the_admin_refuses_a_superusers_overridden_edit_that_keeps_the_name(
    client, force_hub, superuser, pending
):
    ProtectedName.objects.create(force=force_hub, name="Jordan Blake")
    client.force_login(superuser)
    data = {
        "recipient": "The Hatfield team",
        "body": "Thank you J\u043erdan Blake, you were so kind to my dad.",
        "from_name": "",
        "override_flags": "on",
    }

    response = client.post(f"{ADMIN}edit/{pending.pk}/", data)

    assert response.status_code == 200
    assert "This cannot be overridden" in response.content.decode()
    assert unchanged(pending)


def test_the_admin_offers_no_approve_button_for_a_protected_name(client, force_hub, superuser):
    ProtectedName.objects.create(force=force_hub, name="Jordan Blake")
    message = submit(force_hub, "Thank you Jordan Blake for sitting with my mum all night.")
    client.force_login(superuser)

    html = client.get(f"{ADMIN}inspect/{message.pk}/").content.decode()
    client.post(f"{ADMIN}approve/{message.pk}/", {"override_flags": "on"})

    assert "It cannot be approved as it is" in html and 'aria-keyshortcuts="a"' not in html
    assert Message.objects.get().status == MessageStatus.PENDING


def test_an_edit_that_takes_the_name_out_publishes(force_hub, force_editor):
    ProtectedName.objects.create(force=force_hub, name="Jordan Blake")
    message = submit(force_hub, "Thank you Jordan Blake for sitting with my mum all night.")

    edit_and_approve_message(
        message=message,
        user=force_editor,
        body="Thank you for sitting with my mum all night.",
        recipient=message.recipient,
        from_name=message.from_name,
    )

    message.refresh_from_db()
    assert message.status == MessageStatus.APPROVED and message.flags == []
    assert "Jordan" in message.original_body  # for the audit trail only, erased with the contact details


def test_edit_and_approve_moves_on_to_the_next_waiting_message_then_the_queue(
    client, force_hub, force_editor
):
    first, second = submit(force_hub), submit(force_hub, "Thank you for the lift home after the crash.")
    client.force_login(force_editor)
    edit = {"recipient": "The Hatfield team", "from_name": ""}

    after_first = client.post(
        f"{ADMIN}edit/{first.pk}/", {**edit, "body": "Thank you for staying with my dad."}
    )
    after_second = client.post(f"{ADMIN}edit/{second.pk}/", {**edit, "body": "Thank you for the lift home."})

    assert after_first.status_code == 302 and after_first["Location"] == f"{ADMIN}inspect/{second.pk}/"
    assert after_second.status_code == 302 and after_second["Location"] == ADMIN
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.APPROVED}
