"""Moderation: the services' moves and refusals, their audit log, and the admin views that call them."""

import re
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from recognition.models import Message, MessageStatus, ProtectedName, RejectionReason, WallVersion
from recognition.services import (
    FlagsNeedOverride,
    InvalidTransition,
    NamesProtectedName,
    approve_message,
    bulk_approve,
    bulk_reject,
    edit_and_approve_message,
    reject_message,
    submit_message,
    withdraw_message,
)

KIND = "The night shift at Hatfield"
THANKS = "Thank you for staying with my dad until the ambulance came. You were so kind to him."
PHONE = "Thank you PC Ellis. If you ever want a coffee ring me on 07700 900123."
ADMIN = "/admin/thanks/messages/"


def submit(force, body=THANKS, *, recipient=KIND, from_name="Sam", email=""):
    return submit_message(
        force=force,
        station=None,
        recipient=recipient,
        body=body,
        from_name=from_name,
        email=email,
        language="en",
        form_token=uuid.uuid4(),
        client_hash="0" * 64,
    )


def wall_version() -> int:
    return WallVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def logs(message, action=None):
    entries = ModelLogEntry.objects.filter(object_id=str(message.pk), content_type__model="message")
    return entries.filter(action=action) if action else entries


@pytest.fixture
def pending(force_hub):
    return submit(force_hub).message


@pytest.fixture
def flagged(force_hub):
    return submit(force_hub, PHONE).message


# The services


def test_approving_publishes_and_logs_who_did_it(pending, force_editor):
    version = wall_version()

    message = approve_message(message=pending, user=force_editor)

    assert message.status == MessageStatus.APPROVED
    assert message.published_at and message.decided_by == force_editor
    assert Message.objects.published().get() == pending
    entry = logs(pending, "recognition.approve").get()
    assert entry.user == force_editor
    assert entry.data == {"from": "pending", "flags": [], "override_flags": False}
    assert wall_version() > version


def test_a_flagged_message_is_approved_only_with_the_flags_overridden(flagged, force_editor):
    with pytest.raises(FlagsNeedOverride):
        approve_message(message=flagged, user=force_editor)
    flagged.refresh_from_db()
    assert flagged.status == MessageStatus.PENDING
    assert not logs(flagged, "recognition.approve").exists()

    approve_message(message=flagged, user=force_editor, override_flags=True)

    assert logs(flagged, "recognition.approve").get().data["override_flags"] is True
    assert logs(flagged, "recognition.approve").get().message == "Approved, flags overridden: Phone number"


def test_a_protected_name_is_never_approved_even_with_an_override(force_hub, force_editor):
    ProtectedName.objects.create(force=force_hub, name="PC 4471")
    message = submit(force_hub, "Thank you PC4471 for your help on Friday.").message

    with pytest.raises(NamesProtectedName):
        approve_message(message=message, user=force_editor, override_flags=True)

    assert Message.objects.get().status == MessageStatus.PENDING


def test_a_name_protected_after_submission_still_stops_approval(force_hub, force_editor):
    pending = submit(force_hub, from_name="Sam Okafor").message
    ProtectedName.objects.create(force=force_hub, name="PC 2291 Sam Okafor")

    with pytest.raises(NamesProtectedName):
        approve_message(message=pending, user=force_editor, override_flags=True)


def test_rejecting_records_the_reason_and_keeps_the_note_out_of_the_log(pending, force_editor):
    message = reject_message(
        message=pending, user=force_editor, reason=RejectionReason.PERSONAL_DATA, note="Called the station."
    )

    assert (message.status, message.rejection_reason) == (MessageStatus.REJECTED, "personal_data")
    assert message.moderation_note == "Called the station."
    entry = logs(pending, "recognition.reject").get()
    assert entry.data == {"from": "pending", "reason": "personal_data"}
    assert entry.message == "Rejected: Contains personal details"


def test_rejecting_needs_a_known_reason(pending, force_editor):
    with pytest.raises(ValueError):
        reject_message(message=pending, user=force_editor, reason="because")


def test_rejecting_a_published_message_takes_it_off_the_wall(pending, force_editor):
    approve_message(message=pending, user=force_editor)
    version = wall_version()

    reject_message(message=pending, user=force_editor, reason=RejectionReason.NOT_THANKS)

    assert not Message.objects.published().exists()
    assert Message.objects.get().published_at is None
    assert wall_version() > version
    assert logs(pending, "recognition.reject").get().message.startswith("Taken off the wall")


def test_a_wrong_rejection_can_be_put_right(pending, force_editor):
    reject_message(message=pending, user=force_editor, reason=RejectionReason.OTHER)

    message = approve_message(message=pending, user=force_editor)

    assert message.status == MessageStatus.APPROVED
    assert message.rejection_reason == ""


def test_a_decision_is_taken_once(pending, force_editor, national_editor):
    approve_message(message=pending, user=force_editor)

    with pytest.raises(InvalidTransition):
        approve_message(message=pending, user=national_editor)
    assert logs(pending, "recognition.approve").count() == 1


def test_a_withdrawn_message_is_final(force_hub, force_editor):
    submission = submit(force_hub)
    withdraw_message(token=submission.withdraw_token)
    message = submission.message

    for decide in (
        lambda: approve_message(message=message, user=force_editor, override_flags=True),
        lambda: reject_message(message=message, user=force_editor, reason=RejectionReason.OTHER),
        lambda: edit_and_approve_message(
            message=message, user=force_editor, body=THANKS, recipient=KIND, from_name=""
        ),
    ):
        with pytest.raises(InvalidTransition):
            decide()
    assert Message.objects.get().status == MessageStatus.WITHDRAWN
    assert set(logs(message).values_list("action", flat=True)) == {
        "recognition.submit",
        "recognition.withdraw",
    }


def test_edit_then_approve_redacts_and_keeps_the_original_for_the_audit_only(flagged, force_editor):
    redacted = "Thank you PC Ellis. If you ever want a coffee, let the station know."

    message = edit_and_approve_message(
        message=flagged, user=force_editor, body=redacted, recipient="PC Ellis", from_name="Jo"
    )

    assert (message.status, message.body, message.flags) == (MessageStatus.APPROVED, redacted, [])
    assert message.original_body == PHONE
    entry = logs(flagged, "recognition.edit_approve").get()
    assert entry.data["changed"] == ["body", "from_name", "recipient"]
    assert entry.data["flags_before"] == ["phone"]
    assert PHONE not in str(entry.data) and "07700" not in entry.label


def test_an_edit_that_misses_a_phone_number_is_caught(pending, force_editor):
    with pytest.raises(FlagsNeedOverride):
        edit_and_approve_message(message=pending, user=force_editor, body=PHONE, recipient=KIND, from_name="")

    assert Message.objects.get().body == THANKS


def test_an_edit_is_not_its_own_duplicate(pending, force_editor):
    message = edit_and_approve_message(
        message=pending, user=force_editor, body=pending.body, recipient=KIND, from_name=""
    )

    assert message.flags == []


def test_editing_a_published_message_keeps_its_place_on_the_wall(pending, force_editor):
    published_at = approve_message(message=pending, user=force_editor).published_at

    message = edit_and_approve_message(
        message=pending, user=force_editor, body="Thank you, you were so kind.", recipient=KIND, from_name=""
    )

    assert message.published_at == published_at


def test_bulk_approval_skips_flagged_and_decided_messages(force_hub, force_editor, pending, flagged):
    decided = submit(force_hub, "Thanks to the ARV team who came so quickly. I felt safe.").message
    reject_message(message=decided, user=force_editor, reason=RejectionReason.OTHER)
    another = submit(
        force_hub, "To the officers from Hatfield: thank you for keeping us calm and safe."
    ).message

    outcome = bulk_approve(messages=[pending, flagged, decided, another], user=force_editor)

    assert {m.pk for m in outcome.done} == {pending.pk, another.pk}
    assert [m.pk for m in outcome.flagged] == [flagged.pk]
    assert [m.pk for m in outcome.not_pending] == [decided.pk]
    statuses = dict(Message.objects.values_list("pk", "status"))
    assert statuses[flagged.pk] == MessageStatus.PENDING and statuses[decided.pk] == MessageStatus.REJECTED
    # Each bulk entry shows in its own message's history.
    assert logs(pending, "recognition.approve").get().data["bulk"] is True
    assert logs(another, "recognition.approve").get().message == "Approved (in bulk)"


def test_bulk_rejection_skips_flagged_messages(force_editor, pending, flagged):
    outcome = bulk_reject(messages=[pending, flagged], user=force_editor, reason=RejectionReason.DUPLICATE)

    assert [m.pk for m in outcome.done] == [pending.pk]
    assert Message.objects.get(pk=flagged.pk).status == MessageStatus.PENDING
    assert logs(pending, "recognition.reject").get().data == {
        "from": "pending",
        "reason": "duplicate",
        "bulk": True,
    }


def test_services_refuse_a_moderator_of_another_force(other_force_hub, force_editor):
    message = submit(other_force_hub).message

    for decide in (
        lambda: approve_message(message=message, user=force_editor),
        lambda: reject_message(message=message, user=force_editor, reason=RejectionReason.OTHER),
        lambda: edit_and_approve_message(
            message=message, user=force_editor, body=THANKS, recipient=KIND, from_name=""
        ),
        lambda: bulk_approve(messages=[message], user=force_editor),
        lambda: bulk_reject(messages=[message], user=force_editor, reason=RejectionReason.OTHER),
    ):
        with pytest.raises(PermissionDenied):
            decide()
    assert Message.objects.get().status == MessageStatus.PENDING
    assert list(logs(message).values_list("action", flat=True)) == ["recognition.submit"]


def test_a_bulk_decision_with_one_foreign_message_changes_nothing(pending, other_force_hub, force_editor):
    foreign = submit(other_force_hub).message

    with pytest.raises(PermissionDenied):
        bulk_approve(messages=[pending, foreign], user=force_editor)

    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.PENDING}


def test_the_submission_and_auto_publication_are_logged_without_words(force_hub, auto_publishing):
    message = submit(force_hub).message

    assert list(logs(message).order_by("pk").values_list("action", flat=True)) == [
        "recognition.submit",
        "recognition.auto_publish",
    ]
    assert all(THANKS not in str(entry.data) and KIND not in entry.label for entry in logs(message))
    assert logs(message).first().label == f"Thank-you message #{message.pk}"


# The admin


def test_the_queue_lists_pending_first_oldest_first(client, force_hub, force_editor):
    older = submit(force_hub).message
    newer = submit(force_hub, "To the officers from Hatfield: thank you for keeping us calm.").message
    decided = submit(force_hub, "Thanks to the ARV team who came so quickly. I felt safe.").message
    approve_message(message=decided, user=force_editor)
    client.force_login(force_editor)

    html = client.get(ADMIN).content.decode()

    positions = [html.index(f"message_{m.pk}_title") for m in (older, newer, decided)]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=pending", {"plain", "phone"}),
        ("?status=approved", {"approved"}),
        ("?flag=phone", {"phone"}),
        ("?flag=any", {"phone"}),
        ("?flag=none", {"plain", "approved"}),
        ("?q=Ellis", {"phone"}),
    ],
)
def test_the_queue_filters_and_searches(client, force_hub, force_editor, query, expected):
    messages = {
        "plain": submit(force_hub, recipient="plain").message,
        "phone": submit(force_hub, PHONE, recipient="phone").message,
        "approved": submit(force_hub, "Thanks to the ARV team, I felt safe.", recipient="approved").message,
    }
    approve_message(message=messages["approved"], user=force_editor)
    client.force_login(force_editor)

    html = client.get(ADMIN + query).content.decode()

    shown = {name for name, message in messages.items() if f"message_{message.pk}_title" in html}
    assert shown == expected


def test_the_queue_filters_by_station(client, force_hub, force_editor):
    station = force_hub.stations.get(slug="hatfield")
    at_station = submit(force_hub).message
    Message.objects.filter(pk=at_station.pk).update(station=station)
    elsewhere = submit(force_hub).message
    client.force_login(force_editor)

    html = client.get(f"{ADMIN}?station={station.pk}").content.decode()

    assert f"message_{at_station.pk}_title" in html and f"message_{elsewhere.pk}_title" not in html


def test_the_moderation_page_marks_the_flagged_words(client, flagged, force_editor):
    client.force_login(force_editor)

    html = client.get(f"{ADMIN}inspect/{flagged.pk}/").content.decode()

    assert re.search(r'<mark class="recognition-flag" data-flag="phone"[^>]*>07700 900123', html)
    assert "I have read the flagged parts" in html


def test_the_moderation_page_has_keyboard_shortcuts(client, pending, force_editor):
    client.force_login(force_editor)

    html = client.get(f"{ADMIN}inspect/{pending.pk}/").content.decode()

    for key in ("a", "r", "e"):
        assert f'data-w-kbd-key-value="{key}"' in html
        assert f'aria-keyshortcuts="{key}"' in html
    assert html.count('data-controller="w-kbd"') >= 3


def test_approving_in_the_admin_moves_on_to_the_next_message(client, force_hub, force_editor):
    first, second = submit(force_hub).message, submit(force_hub).message
    client.force_login(force_editor)

    response = client.post(f"{ADMIN}approve/{first.pk}/", {})

    assert response.status_code == 302 and response["Location"] == f"{ADMIN}inspect/{second.pk}/"
    assert Message.objects.get(pk=first.pk).status == MessageStatus.APPROVED
    assert logs(first, "recognition.approve").get().user == force_editor


def test_approving_a_flagged_message_in_the_admin_needs_the_box_ticked(client, flagged, force_editor):
    client.force_login(force_editor)

    client.post(f"{ADMIN}approve/{flagged.pk}/", {})
    assert Message.objects.get().status == MessageStatus.PENDING

    client.post(f"{ADMIN}approve/{flagged.pk}/", {"override_flags": "on"})
    assert Message.objects.get().status == MessageStatus.APPROVED


def test_rejecting_in_the_admin_needs_a_reason(client, pending, force_editor):
    client.force_login(force_editor)

    client.post(f"{ADMIN}reject/{pending.pk}/", {"reason": ""})
    assert Message.objects.get().status == MessageStatus.PENDING

    response = client.post(f"{ADMIN}reject/{pending.pk}/", {"reason": "abusive", "note": "Swearing."})
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.status, message.rejection_reason, message.moderation_note) == (
        "rejected",
        "abusive",
        "Swearing.",
    )


def test_decisions_are_posts_only(client, pending, force_editor):
    client.force_login(force_editor)

    assert client.get(f"{ADMIN}approve/{pending.pk}/").status_code == 405
    assert client.get(f"{ADMIN}reject/{pending.pk}/").status_code == 405


def test_edit_then_approve_in_the_admin(client, flagged, force_editor):
    client.force_login(force_editor)
    data = {"recipient": "PC Ellis", "body": "Thank you PC Ellis, you were brilliant.", "from_name": "Jo"}

    response = client.post(f"{ADMIN}edit/{flagged.pk}/", data)

    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.status, message.body, message.original_body) == ("approved", data["body"], PHONE)


def test_edit_then_approve_in_the_admin_refuses_a_still_flagged_edit(client, pending, force_editor):
    client.force_login(force_editor)

    response = client.post(f"{ADMIN}edit/{pending.pk}/", {"recipient": KIND, "body": PHONE, "from_name": ""})

    assert response.status_code == 200
    assert "flagged" in response.content.decode()
    assert Message.objects.get().status == MessageStatus.PENDING


def test_bulk_approval_in_the_admin_leaves_flagged_messages(client, force_editor, pending, flagged):
    client.force_login(force_editor)
    url = f"/admin/bulk/recognition/message/approve/?id={pending.pk}&id={flagged.pk}&next={ADMIN}"

    confirmation = client.get(url).content.decode()
    response = client.post(url)

    assert "Flagged messages are never decided in bulk" in confirmation
    assert response.status_code == 302
    statuses = dict(Message.objects.values_list("pk", "status"))
    assert statuses == {pending.pk: MessageStatus.APPROVED, flagged.pk: MessageStatus.PENDING}


def test_bulk_rejection_in_the_admin_takes_a_reason(client, force_editor, pending):
    client.force_login(force_editor)
    url = f"/admin/bulk/recognition/message/reject/?id={pending.pk}"

    client.post(url, {"reason": ""})
    assert Message.objects.get().status == MessageStatus.PENDING

    client.post(url, {"reason": "duplicate"})
    assert Message.objects.get().rejection_reason == "duplicate"


def test_the_history_shows_every_decision(client, pending, force_editor):
    reject_message(message=pending, user=force_editor, reason=RejectionReason.ABUSIVE)
    approve_message(message=pending, user=force_editor)
    client.force_login(force_editor)

    html = client.get(f"{ADMIN}history/{pending.pk}/").content.decode()

    for text in ("Received", "Rejected: Abusive or offensive", "Approved"):
        assert text in html


def test_messages_are_never_added_or_deleted_in_the_admin(client, pending, admin_user):
    client.force_login(admin_user)

    assert client.get(f"{ADMIN}new/").status_code in (302, 403)
    assert client.post(f"{ADMIN}new/", {"recipient": "x", "body": "y"}).status_code in (302, 403)
    assert client.post(f"{ADMIN}delete/{pending.pk}/").status_code in (302, 403)
    assert Message.objects.count() == 1


def test_the_export_leaves_out_contact_details_and_defuses_formulas(client, force_hub, force_editor):
    submit(force_hub, recipient='=HYPERLINK("http://evil.example")', email="jo@example.org")
    client.force_login(force_editor)

    response = client.get(f"{ADMIN}?export=csv")
    csv = b"".join(response.streaming_content).decode()

    assert "jo@example.org" not in csv and "0" * 64 not in csv
    assert "'=HYPERLINK" in csv
    assert client.get(f"{ADMIN}?export=xlsx").status_code == 200


def test_the_dashboard_and_the_menu_count_the_queue(client, force_hub, force_editor, pending, flagged):
    approve_message(message=pending, user=force_editor)
    client.force_login(force_editor)

    html = client.get("/admin/").content.decode()

    assert "1 message from the public is waiting for a moderator." in html
    assert "Moderation queue (1)" in html


def test_a_force_edits_its_own_settings(client, force_hub, other_force_hub, force_editor):
    client.force_login(force_editor)

    html = client.get("/admin/thanks/forces/").content.decode()
    settings = force_hub.recognition_settings
    response = client.post(
        f"/admin/thanks/forces/edit/{settings.pk}/",
        {"auto_publish_unflagged": "on", "complaints_url": "", "holding_message": ""},
    )

    assert "Hertfordshire Constabulary" in html and "Gwent Police" not in html
    assert response.status_code == 302
    settings.refresh_from_db()
    assert settings.auto_publish_unflagged is True


def test_a_force_keeps_its_own_protected_names(client, force_hub, other_force_hub, force_editor):
    ProtectedName.objects.create(force=other_force_hub, name="Gwent secret")
    client.force_login(force_editor)

    client.post("/admin/thanks/protected-names/new/", {"force": force_hub.pk, "name": "PC 4471"})
    client.post("/admin/thanks/protected-names/new/", {"force": other_force_hub.pk, "name": "Sneaky"})
    html = client.get("/admin/thanks/protected-names/").content.decode()

    assert set(ProtectedName.objects.values_list("name", flat=True)) == {"PC 4471", "Gwent secret"}
    assert "PC 4471" in html and "Gwent secret" not in html
    # The audit log keeps no protected name: its entries outlive the name.
    assert not ModelLogEntry.objects.filter(label__icontains="4471").exists()
    assert ModelLogEntry.objects.filter(action="wagtail.create", content_type__model="protectedname").exists()


def test_only_the_national_team_edits_the_national_wall_settings(
    client, force_editor, national_editor, verified_login
):
    from django.contrib.auth.models import Permission

    national_editor.groups.get().permissions.add(
        Permission.objects.get(codename="change_nationalwallsettings")
    )
    url = "/admin/settings/recognition/nationalwallsettings/"

    client.force_login(force_editor)
    refused = client.get(url, follow=True)
    assert refused.redirect_chain[-1][0] == "/admin/" or refused.status_code == 403
    verified_login(national_editor)
    assert client.get(url, follow=True).status_code == 200
