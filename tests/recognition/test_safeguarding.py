"""Safeguarding is urgent: a disclosure alerts the force's moderators at once, heads their queue,
is referred (recorded, in the audit log) to the force's control room or safeguarding hub, shows the
submitter where to get help now, and outlives the rejected-message retention until referred."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import ModelLogEntry

from home.demo import ensure_group
from recognition.models import SAFEGUARDING_FLAG, ForceRecognitionSettings, Message, MessageStatus
from recognition.screening import FlagKind, screen_message
from recognition.services import (
    AlreadyReferred,
    approve_message,
    edit_and_approve_message,
    purge_expired_messages,
    refer_message,
    reject_message,
    withdraw_message,
)
from recognition.tasks import send_safeguarding_alert
from tests.factories import UserFactory, submit_thanks

ADMIN = "/admin/thanks/messages/"
DISCLOSURE = "Thank you for your help last year. My partner hits me and I am scared to go home tonight."
THANKS = "Thank you for staying with my dad until the ambulance came. You were so kind to him."
RECIPIENT = "PC Ellis at Hatfield"
SIGNED = "Morgan Example"
CONTACT_NAME = "Hertfordshire control room"
CONTACT_PHONE = "01707 354 000"
REJECTED_DAYS = 90


def submit(force, body=THANKS, *, email=""):
    return submit_thanks(force, body, recipient=RECIPIENT, from_name=SIGNED, email=email)


def alerts():
    return [email for email in mail.outbox if email.subject.startswith("Urgent")]


@pytest.fixture(autouse=True)
def _disclosure_is_flagged():
    """The tests below stand on screening reading DISCLOSURE as safeguarding, and THANKS as nothing."""
    assert {flag.kind for flag in screen_message(DISCLOSURE)} == {FlagKind.SAFEGUARDING}
    assert screen_message(THANKS) == []


@pytest.fixture
def gwent_editor(other_force_hub):
    user = UserFactory(username="gwent-editor")
    user.groups.add(ensure_group("Gwent Police editors", other_force_hub, None))
    return user


@pytest.fixture
def contact(force_hub):
    return ForceRecognitionSettings.objects.create(
        force=force_hub, safeguarding_contact_name=CONTACT_NAME, safeguarding_contact_phone=CONTACT_PHONE
    )


@pytest.fixture
def disclosure(force_hub):
    return submit(force_hub, DISCLOSURE).message


def test_the_models_query_the_flag_kind_screening_reports():
    assert SAFEGUARDING_FLAG == FlagKind.SAFEGUARDING


# The alert


def test_a_disclosure_alerts_that_forces_moderators_at_once_after_commit(
    force_hub, force_editor, national_editor, gwent_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = submit(force_hub, DISCLOSURE).message
    assert alerts() == []  # nothing leaves before the message is stored for good

    for callback in callbacks:
        callback()

    assert {address for email in alerts() for address in email.to} == {
        force_editor.email,
        national_editor.email,
    }
    assert all(len(email.to) == 1 for email in alerts())
    body = alerts()[0].body
    assert f"http://testserver{ADMIN}inspect/{message.pk}/" in body
    assert "Hertfordshire Constabulary" in alerts()[0].subject


def test_the_alert_carries_no_words_of_the_message(force_hub, force_editor, after_commit):
    with after_commit():
        submit(force_hub, DISCLOSURE, email="someone.private@example.org")

    (alert,) = [email for email in alerts() if email.to == [force_editor.email]]
    for secret in ("partner", "scared", RECIPIENT, SIGNED, "someone.private"):
        assert secret not in alert.subject and secret not in alert.body


def test_the_alert_does_not_wait_for_the_digest_window(force_hub, force_editor, after_commit):
    with after_commit():
        submit(force_hub)  # a digest goes out now, and the next may not for a while
    digests = len(mail.outbox)

    with after_commit():
        submit(force_hub, DISCLOSURE)

    assert len(mail.outbox) == digests + 1
    assert alerts()[0].to == [force_editor.email]


def test_the_alert_names_whom_to_refer_it_to(force_hub, force_editor, contact, after_commit):
    with after_commit():
        submit(force_hub, DISCLOSURE)

    assert f"{CONTACT_NAME}, {CONTACT_PHONE}" in alerts()[0].body


def test_a_thank_you_raises_no_alert(force_hub, force_editor, after_commit):
    with after_commit():
        submit(force_hub)

    assert alerts() == []


def test_no_alert_goes_once_the_message_is_referred(disclosure, force_editor):
    refer_message(message=disclosure, user=force_editor)

    assert send_safeguarding_alert.call(disclosure.pk) == 0


def test_an_edit_that_reads_as_a_disclosure_alerts_when_screened_again(force_hub, force_editor, after_commit):
    message = submit(force_hub).message
    with after_commit():
        edit_and_approve_message(
            message=message,
            user=force_editor,
            body=DISCLOSURE,
            recipient=RECIPIENT,
            from_name="",
            override_flags=True,
        )

    assert [email.to for email in alerts()] == [[force_editor.email]]


def test_an_edit_of_a_disclosure_already_alerted_does_not_alert_twice(disclosure, force_editor, after_commit):
    with after_commit():
        edit_and_approve_message(
            message=disclosure,
            user=force_editor,
            body=DISCLOSURE,
            recipient=RECIPIENT,
            from_name="",
            override_flags=True,
        )

    assert alerts() == []


# The queue


def _aged(message, hours):
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(hours=hours))
    return message


def test_a_disclosure_heads_the_queue_then_the_oldest(client, force_hub, force_editor):
    oldest = _aged(submit(force_hub).message, 30)
    referred = _aged(submit(force_hub, DISCLOSURE).message, 20)
    refer_message(message=referred, user=force_editor)
    newer = _aged(submit(force_hub).message, 10)
    disclosure = _aged(submit(force_hub, DISCLOSURE).message, 1)
    decided = _aged(submit(force_hub).message, 40)
    approve_message(message=decided, user=force_editor, override_flags=True)  # flagged as a repeat
    client.force_login(force_editor)

    html = client.get(ADMIN).content.decode()

    order = [disclosure, oldest, referred, newer, decided]
    positions = [html.index(f"message_{m.pk}_title") for m in order]
    assert positions == sorted(positions)
    assert list(Message.objects.pending()) == order[:-1]


def test_after_a_decision_the_next_message_is_the_disclosure(client, force_hub, force_editor):
    first = _aged(submit(force_hub).message, 30)
    _aged(submit(force_hub).message, 20)
    disclosure = _aged(submit(force_hub, DISCLOSURE).message, 1)
    client.force_login(force_editor)

    response = client.post(f"{ADMIN}approve/{first.pk}/", {})

    assert response["Location"] == f"{ADMIN}inspect/{disclosure.pk}/"


def test_the_dashboard_counts_disclosures_waiting_for_referral(client, disclosure, force_editor):
    client.force_login(force_editor)

    html = client.get("/admin/").content.decode()

    assert "1 of them reads as a safeguarding disclosure and has not been referred yet" in html


# Refer: the service


def test_referring_records_who_and_when_and_logs_no_words(disclosure, force_editor):
    before = timezone.now()

    message = refer_message(message=disclosure, user=force_editor, note="  Spoke to Sgt Example, ref 123.  ")

    message.refresh_from_db()
    assert message.referred_by == force_editor and message.referred_at >= before
    assert message.referral_note == "Spoke to Sgt Example, ref 123."
    assert message.status == MessageStatus.PENDING  # referring decides nothing
    entry = ModelLogEntry.objects.get(action="recognition.refer", object_id=str(message.pk))
    assert entry.user == force_editor
    assert entry.data == {"status": "pending", "flags": ["safeguarding"], "note": True}
    assert entry.message == "Referred to the force control room or safeguarding hub"
    assert "Example" not in str(entry.data) and "partner" not in entry.label


def test_a_message_is_referred_once(disclosure, force_editor, national_editor):
    refer_message(message=disclosure, user=force_editor)

    with pytest.raises(AlreadyReferred):
        refer_message(message=disclosure, user=national_editor)

    assert Message.objects.get().referred_by == force_editor


def test_a_moderator_of_another_force_cannot_refer(disclosure, gwent_editor):
    with pytest.raises(PermissionDenied):
        refer_message(message=disclosure, user=gwent_editor)

    assert Message.objects.get().referred_at is None
    assert not ModelLogEntry.objects.filter(action="recognition.refer").exists()


def test_a_withdrawn_disclosure_can_still_be_referred(force_hub, force_editor):
    submission = submit(force_hub, DISCLOSURE)
    withdraw_message(token=submission.withdraw_token)

    assert refer_message(message=submission.message, user=force_editor).referred_at is not None


# Refer: the moderation page


def test_the_moderation_page_offers_refer_with_the_forces_contact(client, disclosure, contact, force_editor):
    client.force_login(force_editor)

    html = client.get(f"{ADMIN}inspect/{disclosure.pk}/").content.decode()

    assert f'action="{ADMIN}refer/{disclosure.pk}/"' in html
    assert (
        f'action="{ADMIN}approve/{disclosure.pk}/"' in html
        and f'action="{ADMIN}reject/{disclosure.pk}/"' in html
    )
    assert CONTACT_NAME in html
    assert f'<a href="tel:01707354000">{CONTACT_PHONE}</a>' in html
    assert "reads as a safeguarding disclosure: someone may be at risk" in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "the reject and refer forms share a field id"


def test_without_a_contact_the_page_says_whom_to_ask(client, disclosure, force_editor):
    client.force_login(force_editor)

    html = client.get(f"{ADMIN}inspect/{disclosure.pk}/").content.decode()

    assert "Your force has not set a safeguarding contact yet" in html


def test_refer_in_the_admin_records_it_and_stays_on_the_message(client, force_hub, disclosure, force_editor):
    submit(force_hub)  # another message waits: referring does not move on to it
    client.force_login(force_editor)

    response = client.post(f"{ADMIN}refer/{disclosure.pk}/", {"referral_note": "Control room told."})

    assert response.status_code == 302 and response["Location"] == f"{ADMIN}inspect/{disclosure.pk}/"
    disclosure.refresh_from_db()
    assert disclosure.referred_by == force_editor and disclosure.referral_note == "Control room told."
    html = client.get(response["Location"]).content.decode()
    assert f'action="{ADMIN}refer/{disclosure.pk}/"' not in html
    assert "Referred to the control room or safeguarding hub" in html and "Control room told." in html


def test_refer_is_a_post_only(client, disclosure, force_editor):
    client.force_login(force_editor)

    assert client.get(f"{ADMIN}refer/{disclosure.pk}/").status_code == 405
    assert Message.objects.get().referred_at is None


def test_the_history_shows_the_referral(client, disclosure, force_editor):
    refer_message(message=disclosure, user=force_editor)
    client.force_login(force_editor)

    html = client.get(f"{ADMIN}history/{disclosure.pk}/").content.decode()

    assert "Referred to the force control room or safeguarding hub" in html


def test_a_force_sets_its_safeguarding_contact(client, force_hub, force_editor):
    client.force_login(force_editor)
    client.get("/admin/thanks/forces/")
    settings = ForceRecognitionSettings.objects.get(force=force_hub)
    url = f"/admin/thanks/forces/edit/{settings.pk}/"
    data = {"complaints_url": "", "holding_message": "", "safeguarding_contact_name": CONTACT_NAME}

    refused = client.post(url, {**data, "safeguarding_contact_phone": "call the desk"})
    saved = client.post(url, {**data, "safeguarding_contact_phone": CONTACT_PHONE})

    assert refused.status_code == 200 and saved.status_code == 302
    settings.refresh_from_db()
    assert (settings.safeguarding_contact_name, settings.safeguarding_contact_phone) == (
        CONTACT_NAME,
        CONTACT_PHONE,
    )
    assert f"{CONTACT_NAME}, {CONTACT_PHONE}" in client.get("/admin/thanks/forces/").content.decode()


def test_another_forces_contact_is_never_shown(client, disclosure, other_force_hub, force_editor):
    ForceRecognitionSettings.objects.create(
        force=other_force_hub,
        safeguarding_contact_name="Gwent hub",
        safeguarding_contact_phone="01633 838 111",
    )
    foreign = submit(other_force_hub, DISCLOSURE).message
    client.force_login(force_editor)

    own_page = client.get(f"{ADMIN}inspect/{disclosure.pk}/").content.decode()

    assert "Gwent hub" not in own_page and "01633" not in own_page
    assert client.get(f"{ADMIN}inspect/{foreign.pk}/").status_code == 404
    assert client.post(f"{ADMIN}refer/{foreign.pk}/", {"referral_note": ""}).status_code == 404
    assert Message.objects.get(pk=foreign.pk).referred_at is None


# Retention


@pytest.fixture
def _retention(settings):
    settings.RECOGNITION_CONTACT_RETENTION_DAYS = 30
    settings.RECOGNITION_REJECTED_RETENTION_DAYS = REJECTED_DAYS


def later(days):
    return timezone.now() + timedelta(days=days)


@pytest.mark.usefixtures("_retention")
def test_a_rejected_disclosure_is_kept_until_it_is_referred(force_hub, force_editor):
    disclosure = reject_message(
        message=submit(force_hub, DISCLOSURE, email="x@example.org").message,
        user=force_editor,
        reason="not_thanks",
    )
    ordinary = reject_message(message=submit(force_hub).message, user=force_editor, reason="other")

    report = purge_expired_messages(now=later(REJECTED_DAYS + 1))

    assert report.messages_deleted == 1
    assert list(Message.objects.all()) == [disclosure]
    assert Message.objects.get().email == ""  # contact details go on time all the same
    assert not Message.objects.filter(pk=ordinary.pk).exists()

    refer_message(message=disclosure, user=force_editor)
    assert purge_expired_messages(now=later(REJECTED_DAYS + 2)).messages_deleted == 1
    assert not Message.objects.exists()


@pytest.mark.usefixtures("_retention")
def test_a_withdrawn_disclosure_is_kept_until_it_is_referred(force_hub, force_editor):
    submission = submit(force_hub, DISCLOSURE)
    withdraw_message(token=submission.withdraw_token)

    assert purge_expired_messages(now=later(REJECTED_DAYS + 1)).messages_deleted == 0

    refer_message(message=submission.message, user=force_editor)
    assert purge_expired_messages(now=later(REJECTED_DAYS + 1)).messages_deleted == 1


# The submitter's receipt


def _get_help_now(html: str) -> str:
    match = re.search(r'<div class="govuk-notification-banner"[^>]*id="get-help-now".*?</ul>', html, re.S)
    assert match, "no 'get help now' banner"
    return match.group(0)


def test_the_receipt_of_a_disclosure_shows_where_to_get_help_first(post_thanks, force_hub):
    html = post_thanks(force_hub, follow=True, body=DISCLOSURE).content.decode()

    banner = _get_help_now(html)
    main = html[html.index('id="main-content"') :]
    # The first thing in the page's content, before the thank-you and its heading.
    assert main.index('id="get-help-now"') < main.index("govuk-panel") < main.index("<h1")
    for number in ("999", "116123", "101"):
        assert f'href="tel:{number}"' in banner
    assert "Samaritans" in banner and "Hertfordshire Constabulary" in banner
    assert 'role="region"' in banner and 'aria-labelledby="get-help-now-title"' in banner


def test_the_welsh_receipt_of_a_disclosure_shows_the_same_numbers(post_thanks, force_hub):
    response = post_thanks(force_hub, path="/cy/thanks/new/", follow=True, body=DISCLOSURE)

    html = response.content.decode()
    assert '<html lang="cy"' in html
    banner = _get_help_now(html)
    for number in ("999", "116123", "101"):
        assert f'href="tel:{number}"' in banner


def test_a_thank_you_gets_no_help_banner(post_thanks, force_hub):
    html = post_thanks(force_hub, follow=True).content.decode()

    assert 'id="get-help-now"' not in html and "tel:116123" not in html


def test_a_complaint_still_points_to_the_complaints_page(post_thanks, force_hub):
    ForceRecognitionSettings.objects.create(force=force_hub, complaints_url="https://example.org/complain")

    html = post_thanks(
        force_hub, follow=True, body="The officer was rude to me and I want to make a complaint."
    ).content.decode()

    assert 'href="https://example.org/complain"' in html
    assert 'id="get-help-now"' not in html


def test_a_crime_report_still_points_to_101_and_999(post_thanks, force_hub):
    html = post_thanks(
        force_hub, follow=True, body="I want to report a crime, someone broke into my car last night"
    ).content.decode()

    assert 'href="tel:999"' in html and 'href="tel:101"' in html
    assert 'id="get-help-now"' not in html
