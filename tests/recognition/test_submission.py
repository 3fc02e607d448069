"""The public form: what is stored, what is refused, and that a refusal stores nothing."""

import re

import pytest
from django.core import mail
from django.test import Client

from recognition.models import Message, MessageStatus, ProtectedName
from recognition.tokens import issue_form_token
from tests.factories import StationFactory

from .conftest import FORM_PATH, form_token, solve_altcha, thanks_data


def test_the_form_renders_with_every_field(client, force_hub):
    response = client.get(FORM_PATH)

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("force", "station", "recipient", "body", "from_name", "email", "consent", "form_token"):
        assert f'name="{name}"' in html
    assert "<altcha-widget" in html
    assert 'type="checkbox" name="consent"' in html and "checked" not in html.split('name="consent"')[1][:40]


def test_query_preselects_force_and_station(client, force_hub):
    station = force_hub.stations.get(slug="hatfield")

    html = client.get(f"{FORM_PATH}?force=hertfordshire&station=hatfield").content.decode()

    assert re.search(r'<option value="hertfordshire" selected>', html)
    assert re.search(
        rf'<option value="{station.pk}" selected data-force="hertfordshire">Hatfield</option>', html
    )


@pytest.mark.parametrize(
    "query", ["?force=nowhere", "?force=" + "x" * 5000, "?station=hatfield", "?force[]=1"]
)
def test_unknown_or_oversized_query_values_are_ignored(client, force_hub, query):
    response = client.get(FORM_PATH + query)

    assert response.status_code == 200
    assert 'value="hertfordshire" selected' not in response.content.decode()


def test_a_thank_you_is_stored_pending_and_acknowledged(client, post_thanks, force_hub):
    station = force_hub.stations.get(slug="hatfield")

    response = post_thanks(force_hub, station=str(station.pk), email="sam@example.org")

    assert response.status_code == 303
    html = client.get(response["Location"]).content.decode()
    assert "Your message has been received" in html
    message = Message.objects.get()
    assert (message.force, message.station, message.status) == (force_hub, station, MessageStatus.PENDING)
    assert message.recipient == "PC 1234 and the Hatfield response team"
    assert message.client_hash and len(message.client_hash) == 64
    assert message.published_at is None
    assert f"/thanks/withdraw/{_withdraw_token(html)}/" in html


def _withdraw_token(html: str) -> str:
    return re.search(r"/thanks/withdraw/([0-9a-f]{64})/", html).group(1)


def _receipt_token(response) -> str:
    """The private token in the address a stored post redirects to."""
    assert response.status_code == 303
    return re.fullmatch(r"/thanks/received/([0-9a-f]{64})/", response["Location"]).group(1)


def test_a_post_without_javascript_is_stored_too(post_thanks, force_hub):
    response = post_thanks(force_hub, altcha=None)

    assert response.status_code == 303
    assert Message.objects.count() == 1


def test_the_same_form_sent_twice_stores_one_message(client, force_hub):
    html = client.get(FORM_PATH).content.decode()
    data = thanks_data(html, force_hub, altcha=None)

    first = client.post(FORM_PATH, data)
    second = client.post(FORM_PATH, data)

    assert Message.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert _withdraw_token(client.get(first["Location"]).content.decode()) == _receipt_token(first)


def test_a_receipt_email_carries_the_withdraw_link_but_not_the_message(
    client, post_thanks, force_hub, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_thanks(
            force_hub, email="sam@example.org", body="Thank you <script>alert(1)</script> so much"
        )

    receipts = [email for email in mail.outbox if email.to == ["sam@example.org"]]
    assert len(receipts) == 1
    email = receipts[0]
    assert email.to == ["sam@example.org"]
    assert f"/thanks/withdraw/{_receipt_token(response)}/" in email.body
    assert "alert" not in email.body
    assert not email.alternatives


@pytest.mark.parametrize(
    "overrides",
    [{"website": "http://spam.example"}, {"form_token": "forged"}, {"form_token": ""}],
    ids=["honeypot", "forged-token", "no-token"],
)
def test_a_bots_post_is_dropped_silently(post_thanks, force_hub, overrides):
    response = post_thanks(force_hub, **overrides)

    assert response.status_code == 200
    assert "Your message has been received" in response.content.decode()
    assert "/thanks/withdraw/" not in response.content.decode()
    assert Message.objects.count() == 0


def test_a_form_sent_faster_than_a_person_can_is_dropped(post_thanks, force_hub, settings):
    settings.RECOGNITION_MIN_FILL_SECONDS = 60

    response = post_thanks(force_hub)

    assert response.status_code == 200
    assert Message.objects.count() == 0


def test_an_expired_form_asks_again_and_keeps_what_was_written(client, force_hub):
    html = client.get(FORM_PATH).content.decode()
    old_token = issue_form_token(now=0)

    response = client.post(FORM_PATH, thanks_data(html, force_hub, form_token=old_token))

    page = response.content.decode()
    assert "This form was open for too long" in page
    assert "staying with my dad" in page
    assert form_token(page) != old_token
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("recipient", "x" * 201, "200 characters or fewer"),
        ("recipient", "", "Enter who you would like to thank"),
        ("body", "Thanks", "at least 10 characters"),
        ("body", "a" * 1001, "1,000 characters or fewer"),
        ("from_name", "x" * 81, "80 characters or fewer"),
        ("email", "not-an-email", "Enter an email address in the correct format"),
        ("email", "a" * 250 + "@example.org", "254 characters or fewer"),
        ("consent", None, "Tick the box"),
        ("force", "", "Choose the police force"),
        ("force", "atlantis", "Choose a police force from the list"),
        ("station", "999999", "Choose a station from the list"),
        ("station", "not-a-number", "Choose a station from the list"),
    ],
)
def test_bad_input_gets_a_clear_error_and_stores_nothing(post_thanks, force_hub, field, value, error):
    response = post_thanks(force_hub, **{field: value})

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert error in html
    assert Message.objects.count() == 0


def test_a_station_of_another_force_is_refused(post_thanks, force_hub, other_force_hub):
    elsewhere = StationFactory(page=other_force_hub, name="Newport Central")

    response = post_thanks(force_hub, station=str(elsewhere.pk))

    assert "Choose a station of Hertfordshire Constabulary" in response.content.decode()
    assert Message.objects.count() == 0


def test_control_and_direction_characters_are_removed_before_the_length_check(post_thanks, force_hub):
    body = "Thank you\u202e for\u0000 everything\u200b you did" + "\u2066" * 2000

    post_thanks(force_hub, body=body, recipient="PC\u202e 99")

    message = Message.objects.get()
    assert message.body == "Thank you for everything you did"
    assert message.recipient == "PC 99"


def test_fields_the_form_does_not_name_are_ignored(post_thanks, force_hub):
    post_thanks(
        force_hub, status="approved", published_at="2020-01-01T00:00:00Z", flags="[]", email_verified="1"
    )

    message = Message.objects.get()
    assert message.status == MessageStatus.PENDING
    assert message.published_at is None


def test_an_oversized_request_is_refused_before_it_is_read(client, force_hub, settings):
    html = client.get(FORM_PATH).content.decode()
    data = thanks_data(html, force_hub, padding="x" * (settings.RECOGNITION_MAX_REQUEST_BYTES + 1))

    response = client.post(FORM_PATH, data)

    assert response.status_code == 413
    assert "too long" in response.content.decode()
    assert Message.objects.count() == 0


def test_csrf_is_enforced(force_hub):
    client = Client(enforce_csrf_checks=True)
    html = client.get(FORM_PATH).content.decode()

    response = client.post(FORM_PATH, thanks_data(html, force_hub))

    assert response.status_code == 403
    assert Message.objects.count() == 0


def test_a_solved_challenge_cannot_be_replayed(client, force_hub):
    html = client.get(FORM_PATH).content.decode()
    payload = solve_altcha(html)
    client.post(FORM_PATH, thanks_data(html, force_hub, altcha=payload))
    second_form = client.get(FORM_PATH).content.decode()

    response = client.post(
        FORM_PATH, thanks_data(second_form, force_hub, altcha=payload, body="Another thank you")
    )

    assert "already used" in response.content.decode()
    assert Message.objects.count() == 1


def test_a_tampered_proof_of_work_is_refused(post_thanks, force_hub):
    response = post_thanks(force_hub, altcha="eyJub3QiOiAidmFsaWQifQ==")

    assert "There is a problem" in response.content.decode()
    assert Message.objects.count() == 0


def test_a_force_that_opts_in_publishes_unflagged_thanks_at_once(post_thanks, force_hub, auto_publishing):
    post_thanks(force_hub)

    assert Message.objects.published().count() == 1


def test_flagged_thanks_wait_for_a_moderator_even_when_a_force_opts_in(
    post_thanks, force_hub, auto_publishing
):
    post_thanks(force_hub, body="Thank you! Call me on 07700 900123 any time.")

    message = Message.objects.get()
    assert message.status == MessageStatus.PENDING
    assert message.flags


def test_default_is_a_human_look_at_everything(post_thanks, force_hub):
    post_thanks(force_hub)

    assert Message.objects.published().count() == 0


def test_a_protected_name_holds_the_message_with_that_flag(post_thanks, force_hub):
    ProtectedName.objects.create(force=force_hub, name="DC Jane Covert")

    post_thanks(force_hub, body="Thank you to dc jane covert for everything last week.")

    assert "protected_name" in {flag["kind"] for flag in Message.objects.get().flags}


def test_a_crime_report_is_signposted_to_999_and_101(client, post_thanks, force_hub):
    response = post_thanks(force_hub, body="I want to report a crime, someone broke into my car last night")

    html = client.get(response["Location"]).content.decode()
    assert 'href="tel:999"' in html
    assert 'href="tel:101"' in html


def test_the_privacy_notice_states_the_retention_periods(client, settings, db):
    settings.RECOGNITION_CONTACT_RETENTION_DAYS = 31
    settings.RECOGNITION_REJECTED_RETENTION_DAYS = 92

    html = client.get("/thanks/privacy/").content.decode()

    assert "31 days" in html
    assert "92 days" in html


def test_the_form_links_to_the_privacy_notice(client, force_hub):
    assert 'href="/thanks/privacy/"' in client.get(FORM_PATH).content.decode()


def test_the_form_is_served_in_welsh_under_cy(client, force_hub):
    response = client.get("/cy" + FORM_PATH)

    assert response.status_code == 200
    assert '<html lang="cy"' in response.content.decode()
