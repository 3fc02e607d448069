"""The form's rate limit counts only posts that store a message, and a refusal loses nothing."""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from recognition.models import Message
from recognition.tokens import issue_form_token
from recognition.views.submission import try_again_when

from .conftest import FORM_PATH, form_token, solve_altcha, thanks_data

STATION_OPEN_DAY = "203.0.113.50"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def tight_limits(settings):
    settings.RECOGNITION_RATE_LIMITS = ["3/h"]
    settings.RECOGNITION_NO_SCRIPT_RATE_LIMITS = ["2/h"]


def _junk(html: str, hub, n: int) -> dict:
    """One of the ways a post fails before a message could be stored."""
    kinds = [
        {"form_token": "forged"},
        {"form_token": ""},
        {"altcha": "eyJub3QiOiAidmFsaWQifQ=="},
        {"body": "Thanks"},
        {"consent": None},
        {"force": "atlantis"},
        {"altcha": None, "recipient": ""},
        {"form_token": issue_form_token(now=0)},
        {"website": "http://spam.example"},
    ]
    return thanks_data(html, hub, **kinds[n % len(kinds)])


def test_many_junk_posts_from_a_shared_address_leave_its_valid_messages_accepted(force_hub, tight_limits):
    """45 junk posts from one client at a station's open day, alternating between two "workers"
    (two clients; on the PostgreSQL + Redis leg their counts meet in the shared Redis): the next
    people at that address still get their thanks through, with and without JavaScript."""
    workers = [Client(REMOTE_ADDR=STATION_OPEN_DAY), Client(REMOTE_ADDR=STATION_OPEN_DAY)]
    for n in range(45):
        worker = workers[n % 2]
        response = worker.post(FORM_PATH, _junk(worker.get(FORM_PATH).content.decode(), force_hub, n))
        assert response.status_code == 200, n
    assert Message.objects.count() == 0

    for n, worker in enumerate([*workers, workers[0]]):
        html = worker.get(FORM_PATH).content.decode()
        response = worker.post(
            FORM_PATH, thanks_data(html, force_hub, body=f"Thank you, visitor {n}, for the day")
        )
        assert response.status_code == 303, n
    html = workers[0].get(FORM_PATH).content.decode()
    no_script = workers[0].post(FORM_PATH, thanks_data(html, force_hub, altcha=None))
    assert no_script.status_code == 303
    assert Message.objects.count() == 4


def test_the_limit_still_counts_stored_messages_across_workers(force_hub, tight_limits):
    workers = [Client(REMOTE_ADDR=STATION_OPEN_DAY), Client(REMOTE_ADDR=STATION_OPEN_DAY)]
    statuses = []
    for n in range(4):
        worker = workers[n % 2]
        html = worker.get(FORM_PATH).content.decode()
        statuses.append(
            worker.post(FORM_PATH, thanks_data(html, force_hub, body=f"Thank you number {n}!")).status_code
        )

    assert statuses == [303, 303, 303, 429]
    assert Message.objects.count() == 3


def test_a_refused_message_comes_back_with_everything_typed_and_when_to_try_again(
    client, force_hub, tight_limits
):
    for n in range(3):
        html = client.get(FORM_PATH).content.decode()
        client.post(FORM_PATH, thanks_data(html, force_hub, body=f"An earlier thank you, number {n}"))
    station = force_hub.stations.get(slug="hatfield")
    html = client.get(FORM_PATH).content.decode()
    typed = {
        "station": str(station.pk),
        "recipient": "Sergeant Ahmed & the night shift",
        "body": "Thank you for sitting with me <3 until my sister came.",
        "from_name": "Jo O'Neill",
        "email": "jo@example.org",
    }

    response = client.post(FORM_PATH, thanks_data(html, force_hub, **typed))

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    page = response.content.decode()
    assert "Too many messages" in page
    assert re.search(r"Send it again (in \d+ minutes?|after \d\d:\d\d( tomorrow)?)\.", page)
    assert "nothing you wrote is lost" in page
    assert 'id="id_recipient"' in page and 'value="Sergeant Ahmed &amp; the night shift"' in page
    assert "Thank you for sitting with me &lt;3 until my sister came.</textarea>" in page
    assert 'value="Jo O&#x27;Neill"' in page and 'value="jo@example.org"' in page
    assert re.search(rf'<option value="{station.pk}" selected data-force="hertfordshire">', page)
    assert re.search(r'name="consent"[^>]*checked', page)
    assert form_token(page) == unescape(thanks_data(html, force_hub)["form_token"])
    assert "<altcha-widget" in page
    assert Message.objects.count() == 3


def test_pressing_send_again_while_refused_uses_up_nothing(client, force_hub, settings):
    settings.RECOGNITION_RATE_LIMITS = ["1/h", "2/d"]
    html = client.get(FORM_PATH).content.decode()
    client.post(FORM_PATH, thanks_data(html, force_hub))
    html = client.get(FORM_PATH).content.decode()
    refused = thanks_data(html, force_hub, body="A second thank you, sent again and again")

    statuses = [
        client.post(FORM_PATH, {**refused, "altcha": solve_altcha(html)}).status_code for _ in range(5)
    ]

    assert statuses == [429] * 5
    # The hourly window refused them all, so none of them counted against the daily one.
    settings.RECOGNITION_RATE_LIMITS = ["2/d"]
    html = client.get(FORM_PATH).content.decode()
    assert client.post(FORM_PATH, thanks_data(html, force_hub, body="Later that day")).status_code == 303


@pytest.mark.parametrize(
    ("wait", "now", "expected"),
    [
        (30, "2027-03-15 13:00:00", "Send it again in 1 minute."),
        (40 * 60, "2027-03-15 13:00:00", "Send it again in 40 minutes."),
        (65 * 60, "2027-03-15 13:00:00", "Send it again after 14:05."),
        (3 * 3600, "2027-03-15 22:30:00", "Send it again after 01:30 tomorrow."),
    ],
)
def test_when_to_try_again_reads_as_a_person_would_say_it(wait, now, expected):
    moment = datetime.fromisoformat(now).replace(tzinfo=LONDON)

    assert try_again_when(wait, now=moment) == expected


def test_the_refusal_speaks_welsh_on_the_welsh_form(client, force_hub, settings):
    settings.RECOGNITION_RATE_LIMITS = ["1/h"]
    html = client.get("/cy" + FORM_PATH).content.decode()
    client.post("/cy" + FORM_PATH, thanks_data(html, force_hub))
    html = client.get("/cy" + FORM_PATH).content.decode()

    response = client.post(
        "/cy" + FORM_PATH, thanks_data(html, force_hub, body="Diolch yn fawr iawn i chi gyd")
    )

    assert response.status_code == 429
    page = response.content.decode()
    assert "Gormod o negeseuon" in page and "Send it again" not in page
