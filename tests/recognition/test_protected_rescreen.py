"""Adding (or correcting) a protected name screens the force's waiting and published messages again
at once: what names it leaves the wall, the feed and the screens in the same request, waits for a
moderator with the flag, and the force's moderators hear how many, never the name."""

import uuid

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import ModelLogEntry

from home.demo import ensure_group
from recognition.models import Message, MessageStatus, ProtectedName, WallVersion
from recognition.screening import FlagKind, screen_message
from recognition.services import (
    NamesProtectedName,
    add_protected_name,
    approve_message,
    change_protected_name,
    reject_message,
    submit_message,
    withdraw_message,
)
from tests.factories import UserFactory, submit_thanks

NAME = "Jordan Blake"
NAMING = "Thank you Jordan Blake for sitting with my mum all night at the hospital."
OTHER = "Thank you to the whole Hatfield team for the school visit, the children loved it."
GWENT = "Diolch to the Newport officers who found our dog on the motorway bridge."
HERTS_FEED = "/api/v1/messages/?force=hertfordshire"
GWENT_FEED = "/api/v1/messages/?force=gwent"
FEED = "/api/v1/messages/"
HERTS_WALL = "/thanks/hertfordshire/"
HERTS_SCREEN = "/screens/hertfordshire/"
NEW = "/admin/thanks/protected-names/new/"


@pytest.fixture(autouse=True)
def _the_name_is_found():
    """The tests below stand on screening finding NAME in NAMING, and nowhere else."""
    assert {flag.kind for flag in screen_message(NAMING, protected_names=[NAME])} == {FlagKind.PROTECTED_NAME}
    assert screen_message(OTHER, protected_names=[NAME]) == []
    assert screen_message(GWENT, protected_names=[NAME]) == []


def wall_version() -> int:
    return WallVersion.objects.values_list("value", flat=True).get(pk=1)


def feed_bodies(client, path=FEED) -> set[str]:
    return {item["message"] for item in client.get(path).json()["results"]}


def submit(force, body):
    return submit_thanks(force, body).message


@pytest.fixture
def public():
    """A visitor without a session: the wall answers from the shared cache, as to the public."""
    return Client()


@pytest.fixture
def naming(force_hub, publish):
    return publish(force_hub, body=NAMING)


@pytest.fixture
def unaffected(force_hub, publish):
    return publish(force_hub, body=OTHER)


@pytest.fixture
def gwent_editor(other_force_hub):
    user = UserFactory(username="gwent-editor")
    user.groups.add(ensure_group("Gwent Police editors", other_force_hub, None))
    return user


def test_adding_a_name_takes_a_published_message_off_the_feed_and_the_wall_at_once(
    client, public, force_hub, force_editor, naming, unaffected, after_commit
):
    assert feed_bodies(public) == {NAMING, OTHER}
    assert NAMING in public.get(HERTS_WALL).content.decode()
    assert NAMING in public.get(HERTS_SCREEN).content.decode()
    version = wall_version()
    client.force_login(force_editor)

    with after_commit():
        response = client.post(NEW, {"force": force_hub.pk, "name": NAME})

    assert response.status_code == 302
    assert feed_bodies(public) == feed_bodies(public, HERTS_FEED) == {OTHER}
    wall = public.get(HERTS_WALL).content.decode()
    assert NAMING not in wall and OTHER in wall
    screen = public.get(HERTS_SCREEN).content.decode()
    assert NAMING not in screen and OTHER in screen
    assert wall_version() == version + 1
    naming.refresh_from_db()
    assert (naming.status, naming.published_at, naming.decided_at) == (MessageStatus.PENDING, None, None)
    assert FlagKind.PROTECTED_NAME in {flag["kind"] for flag in naming.flags}
    assert Message.objects.get(pk=unaffected.pk).status == MessageStatus.APPROVED


def test_correcting_a_name_screens_again_too(client, public, force_hub, force_editor, naming, after_commit):
    misspelt = ProtectedName.objects.create(force=force_hub, name="Jordan Blakey")
    client.force_login(force_editor)

    with after_commit():
        response = client.post(
            f"/admin/thanks/protected-names/edit/{misspelt.pk}/", {"force": force_hub.pk, "name": NAME}
        )

    assert response.status_code == 302
    assert ProtectedName.objects.get().name == NAME
    assert feed_bodies(public) == set()
    assert Message.objects.get().status == MessageStatus.PENDING


def test_the_next_poll_of_an_unaffected_forces_feed_is_a_304_with_no_query(
    client,
    public,
    force_hub,
    other_force_hub,
    force_editor,
    naming,
    publish,
    after_commit,
    django_assert_num_queries,
):
    publish(other_force_hub, body=GWENT)
    etag = public.get(GWENT_FEED)["ETag"]
    client.force_login(force_editor)
    with after_commit():
        client.post(NEW, {"force": force_hub.pk, "name": NAME})

    # The wall's version moved, so this one poll renders again: to the same bytes, the same tag.
    assert public.get(GWENT_FEED, headers={"If-None-Match": etag}).status_code == 304
    with django_assert_num_queries(0):
        response = public.get(GWENT_FEED, headers={"If-None-Match": etag})

    assert response.status_code == 304 and response["ETag"] == etag


def test_a_name_that_matches_nothing_published_leaves_every_tag_alone(
    client,
    public,
    force_hub,
    other_force_hub,
    force_editor,
    unaffected,
    publish,
    after_commit,
    django_assert_num_queries,
):
    publish(other_force_hub, body=GWENT)
    tags = {path: public.get(path)["ETag"] for path in (GWENT_FEED, HERTS_FEED)}
    version = wall_version()
    client.force_login(force_editor)
    with after_commit():
        client.post(NEW, {"force": force_hub.pk, "name": NAME})

    assert wall_version() == version
    for path, etag in tags.items():
        with django_assert_num_queries(0):
            assert public.get(path, headers={"If-None-Match": etag}).status_code == 304


def test_waiting_messages_are_flagged_and_moderators_told_counts_only(
    client, force_hub, force_editor, gwent_editor, naming, after_commit
):
    waiting = submit(force_hub, NAMING.replace("all night", "all weekend"))
    mail.outbox.clear()  # the submission's digest
    client.force_login(force_editor)

    with after_commit():
        response = client.post(NEW, {"force": force_hub.pk, "name": NAME}, follow=True)

    waiting.refresh_from_db()
    assert waiting.status == MessageStatus.PENDING
    assert FlagKind.PROTECTED_NAME in {flag["kind"] for flag in waiting.flags}
    (email,) = mail.outbox
    assert email.to == [force_editor.email]
    assert "1 published message named it and was taken off the wall" in email.body
    assert "1 waiting message names it and is now flagged" in email.body
    assert "flag=protected_name" in email.body
    for secret in ("Jordan", "Blake", "hospital", "mum"):
        assert secret not in email.subject and secret not in email.body
    assert "1 published taken off the wall, 1 waiting flagged." in response.content.decode()


def test_the_audit_log_records_the_rescreen_without_the_name(force_hub, force_editor, naming):
    outcome = add_protected_name(force=force_hub, name=NAME, user=force_editor)

    assert (outcome.taken_down, outcome.flagged) == (1, 0)
    name_entries = ModelLogEntry.objects.filter(
        content_type__model="protectedname", object_id=str(outcome.protected_name.pk)
    )
    assert set(name_entries.values_list("action", flat=True)) == {"wagtail.create", "recognition.rescreen"}
    assert name_entries.get(action="recognition.rescreen").data == {"taken_down": 1, "flagged": 0}
    entry = ModelLogEntry.objects.get(action="recognition.protect", object_id=str(naming.pk))
    assert entry.user == force_editor and entry.data == {"from": "approved"}
    assert entry.message == "Taken off the wall: names a newly protected officer"
    everything = [
        (e.label, str(e.data)) for e in ModelLogEntry.objects.filter(content_type__app_label="recognition")
    ]
    assert not any("Jordan" in label or "Jordan" in data for label, data in everything)


def test_a_message_taken_down_cannot_be_approved_again_as_it_is(force_hub, force_editor, naming):
    add_protected_name(force=force_hub, name=NAME, user=force_editor)

    with pytest.raises(NamesProtectedName):
        approve_message(message=naming, user=force_editor, override_flags=True)


def test_rejected_withdrawn_and_other_forces_messages_are_left_alone(
    force_hub, other_force_hub, force_editor, publish
):
    rejected = reject_message(message=submit(force_hub, NAMING), user=force_editor, reason="other")
    submission = submit_message(
        force=force_hub,
        station=None,
        recipient="PC 1",
        body=NAMING.replace("mum", "dad"),
        from_name="",
        email="",
        language="en",
        form_token=uuid.uuid4(),
        client_hash="6" * 64,
    )
    withdrawn = withdraw_message(token=submission.withdraw_token)
    elsewhere = publish(other_force_hub, body=NAMING)

    outcome = add_protected_name(force=force_hub, name=NAME, user=force_editor)

    assert (outcome.taken_down, outcome.flagged) == (0, 0)
    assert Message.objects.get(pk=rejected.pk).status == MessageStatus.REJECTED
    assert Message.objects.get(pk=withdrawn.pk).status == MessageStatus.WITHDRAWN
    assert Message.objects.get(pk=elsewhere.pk).status == MessageStatus.APPROVED


def test_a_moderator_of_another_force_cannot_add_or_change_its_names(
    force_hub, other_force_hub, gwent_editor, force_editor, naming
):
    with pytest.raises(PermissionDenied):
        add_protected_name(force=force_hub, name=NAME, user=gwent_editor)
    own = add_protected_name(force=force_hub, name="Someone Else", user=force_editor).protected_name
    with pytest.raises(PermissionDenied):
        change_protected_name(protected_name=own, force=other_force_hub, name=NAME, user=gwent_editor)

    assert list(ProtectedName.objects.values_list("name", flat=True)) == ["Someone Else"]
    assert Message.objects.get().status == MessageStatus.APPROVED
