"""A force's moderators see and change their own force's messages only, through every admin URL;
the national team sees every force's."""

import datetime
import io
import re
import uuid

import openpyxl
import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry

from recognition.models import ForceRecognitionSettings, Message, MessageStatus, ProtectedName
from recognition.services import submit_message
from tests.factories import StationFactory, UserFactory

ADMIN = "/admin/thanks/messages/"
SECRET = "Ffion-from-Gwent"


def submit(force, recipient, body, station=None):
    return submit_message(
        force=force,
        station=station,
        recipient=recipient,
        body=body,
        from_name="",
        email="someone@example.org",
        language="en",
        form_token=uuid.uuid4(),
        client_hash="1" * 64,
    ).message


@pytest.fixture
def own(force_hub):
    return submit(force_hub, "The Hatfield team", "Thank you for looking after my dad, you were all so kind.")


@pytest.fixture
def foreign(other_force_hub):
    station = StationFactory(page=other_force_hub, name="Newport Central")
    return submit(other_force_hub, SECRET, f"Thank you {SECRET}, you were wonderful at the crash.", station)


def state(message):
    message.refresh_from_db()
    return (message.status, message.body, message.recipient, message.rejection_reason, message.published_at)


def actions(message):
    return list(
        ModelLogEntry.objects.filter(content_type__model="message", object_id=str(message.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def refused_or_absent(response):
    """Refused (not found, forbidden, or Wagtail's redirect to the dashboard), or shown without B."""
    if response.status_code in (302, 403, 404, 405):
        return response.status_code != 302 or response["Location"] in ("/admin/", "/admin/login/?next=")
    content = (b"".join(response.streaming_content) if response.streaming else response.content).decode(
        errors="replace"
    )
    return SECRET not in content


@pytest.mark.parametrize(
    "path",
    [
        "",
        "results/",
        "?q=wonderful",
        "results/?q=wonderful",
        "?force={force}",
        "?station={station}",
        "?force={force}&status=pending&flag=none",
        "inspect/{pk}/",
        "edit/{pk}/",
        "refer/{pk}/",
        "history/{pk}/",
        "history-results/{pk}/",
        "usage/{pk}/",
        "delete/{pk}/",
        "copy/{pk}/",
        "?export=csv",
        "?export=csv&q=wonderful",
    ],
)
def test_another_forces_message_is_never_shown(client, force_editor, own, foreign, path):
    client.force_login(force_editor)
    url = ADMIN + path.format(pk=foreign.pk, force=foreign.force_id, station=foreign.station_id)

    response = client.get(url)

    assert refused_or_absent(response), url


@pytest.mark.parametrize("path", ["inspect/{pk}/", "edit/{pk}/", "history/{pk}/", "usage/{pk}/"])
def test_another_forces_message_is_not_found(client, force_editor, foreign, path):
    client.force_login(force_editor)

    assert client.get(ADMIN + path.format(pk=foreign.pk)).status_code == 404


def test_the_spreadsheet_export_leaves_out_another_force(client, force_editor, own, foreign):
    client.force_login(force_editor)

    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(client.get(f"{ADMIN}?export=xlsx").streaming_content))
    )

    cells = {str(cell.value) for row in workbook.active.iter_rows() for cell in row}
    assert own.recipient in cells and SECRET not in " ".join(cells)
    assert "someone@example.org" not in " ".join(cells)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("approve/{pk}/", {"override_flags": "on"}),
        ("reject/{pk}/", {"reason": "abusive", "note": "x"}),
        ("refer/{pk}/", {"referral_note": "x"}),
        (
            "edit/{pk}/",
            {"recipient": "Changed", "body": "Changed by another force entirely.", "from_name": ""},
        ),
        ("delete/{pk}/", {}),
        ("copy/{pk}/", {"recipient": "Copied", "body": "Copied by another force entirely."}),
        ("new/", {"force": "{force}", "recipient": "New", "body": "Created by another force entirely."}),
    ],
)
def test_posts_about_another_forces_message_change_nothing(client, force_editor, foreign, path, data):
    client.force_login(force_editor)
    before, count = state(foreign), Message.objects.count()
    data = {key: value.format(force=foreign.force_id) for key, value in data.items()}

    response = client.post(ADMIN + path.format(pk=foreign.pk), data)

    assert response.status_code in (302, 403, 404, 405)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    assert state(foreign) == before and Message.objects.count() == count
    assert Message.objects.get(pk=foreign.pk).referred_at is None
    assert actions(foreign) == ["recognition.submit"]


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_bulk_actions_ignore_another_forces_messages(client, force_editor, own, foreign, action):
    client.force_login(force_editor)
    url = f"/admin/bulk/recognition/message/{action}/?id={foreign.pk}&id={own.pk}"
    before = state(foreign)

    confirmation = client.get(url).content.decode()
    client.post(url, {"reason": "abusive"})
    client.post(
        f"/admin/bulk/recognition/message/{action}/?id=all&force={foreign.force_id}", {"reason": "abusive"}
    )

    assert SECRET not in confirmation
    assert state(foreign) == before
    assert actions(foreign) == ["recognition.submit"]
    assert Message.objects.get(pk=own.pk).status != MessageStatus.PENDING


def test_the_dashboard_and_the_menu_count_only_the_users_forces(
    client, force_editor, own, foreign, other_force_hub
):
    submit(other_force_hub, "Someone else", "Thank you to every officer in Gwent for the lovely visit.")
    client.force_login(force_editor)

    html = client.get("/admin/").content.decode()

    assert "1 message from the public is waiting for a moderator." in html
    assert "Moderation queue (1)" in html


def test_the_site_history_report_does_not_show_another_forces_messages(client, force_editor, foreign):
    client.force_login(force_editor)

    html = client.get("/admin/reports/site-history/").content.decode()

    assert f"Thank-you message #{foreign.pk}" not in html and SECRET not in html


def test_another_forces_settings_and_protected_names_are_out_of_reach(
    client, force_editor, force_hub, other_force_hub
):
    settings = ForceRecognitionSettings.objects.create(force=other_force_hub)
    name = ProtectedName.objects.create(force=other_force_hub, name=SECRET)
    client.force_login(force_editor)

    listings = (
        client.get("/admin/thanks/forces/").content.decode()
        + client.get("/admin/thanks/protected-names/").content.decode()
    )
    responses = [
        client.get(f"/admin/thanks/forces/edit/{settings.pk}/"),
        client.post(f"/admin/thanks/forces/edit/{settings.pk}/", {"auto_publish_unflagged": "on"}),
        client.get(f"/admin/thanks/protected-names/edit/{name.pk}/"),
        client.post(f"/admin/thanks/protected-names/edit/{name.pk}/", {"force": force_hub.pk, "name": "x"}),
        client.post(f"/admin/thanks/protected-names/delete/{name.pk}/"),
        client.get(f"/admin/thanks/forces/history/{settings.pk}/"),
    ]

    assert "Gwent Police" not in listings and SECRET not in listings
    assert all(response.status_code in (403, 404) for response in responses)
    settings.refresh_from_db()
    assert settings.auto_publish_unflagged is False
    assert ProtectedName.objects.get(pk=name.pk).name == SECRET


def test_the_national_team_sees_and_moderates_every_force(
    client, national_editor, own, foreign, verified_login
):
    verified_login(national_editor)

    listing = client.get(ADMIN).content.decode()
    inspect = client.get(f"{ADMIN}inspect/{foreign.pk}/")
    client.post(f"{ADMIN}approve/{foreign.pk}/")

    assert SECRET in listing and own.recipient in listing
    assert inspect.status_code == 200
    assert Message.objects.get(pk=foreign.pk).status == MessageStatus.APPROVED


def test_a_user_who_moderates_no_force_gets_no_queue(client, own):
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name="Admin only")[0])
    user.user_permissions.add(*_admin_access())
    client.force_login(user)

    dashboard = client.get("/admin/").content.decode()
    listing = client.get(ADMIN)

    assert "Moderation queue" not in dashboard
    assert listing.status_code in (302, 403)


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")


def test_the_queue_says_how_many_wait_in_the_users_forces_and_for_how_long(
    client, force_editor, own, foreign
):
    Message.objects.filter(pk=own.pk).update(created_at=own.created_at - datetime.timedelta(hours=3))
    client.force_login(force_editor)

    summary = re.search(r"data-queue-summary>(.*?)</p>", client.get(ADMIN).content.decode(), re.S).group(1)

    assert " ".join(summary.split()) == "1 message waiting for a decision, for 3 hours."
    Message.objects.filter(pk=own.pk).update(status=MessageStatus.REJECTED)
    assert "No message is waiting" in client.get(ADMIN).content.decode()
