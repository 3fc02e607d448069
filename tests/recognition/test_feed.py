"""The read-only feed at /api/v1/: its exact shape, what never appears in it, its filters, its
pagination, its errors and its throttle."""

from base64 import b64encode
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from recognition.api.views import MessageListView
from recognition.models import ForceRecognitionSettings, MessageStatus, NationalWallSettings
from tests.factories import MessageFactory, StationFactory

FEED = "/api/v1/messages/"
FORCES = "/api/v1/forces/"
MESSAGE_KEYS = {"id", "message", "recipient", "from_name", "force", "station", "published_at"}
PAGE_KEYS = {"results", "next", "paused"}


def throttled_at(rate: str):
    """The feed's throttle is read per request, so overriding the setting applies at once."""
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"feed": rate}}
    )


def feed(client, query="", **headers):
    return client.get(f"{FEED}{query}", headers=headers)


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_one_message_has_exactly_the_contracted_shape(client, force_hub, publish):
    station = force_hub.stations.get(slug="hatfield")
    message = publish(
        force_hub,
        station=station,
        recipient="PC 1234",
        body="Thank you for staying with my dad.",
        from_name="Sam",
        published_at=datetime(2027, 3, 15, 9, 30, tzinfo=UTC),
    )

    response = feed(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "results": [
            {
                "id": message.pk,
                "message": "Thank you for staying with my dad.",
                "recipient": "PC 1234",
                "from_name": "Sam",
                "force": {"slug": "hertfordshire", "name": "Hertfordshire Constabulary"},
                "station": {"slug": "hatfield", "name": "Hatfield"},
                "published_at": "2027-03-15T09:30:00Z",
            }
        ],
        "next": None,
        "paused": None,
    }


def test_station_is_null_and_an_unsigned_message_has_an_empty_from_name(client, force_hub, publish):
    publish(force_hub, station=None, from_name="")

    (item,) = feed(client).json()["results"]

    assert item["station"] is None
    assert item["from_name"] == ""


def test_nothing_unpublished_ever_appears(client, force_hub, publish):
    shown = publish(force_hub)
    MessageFactory(force=force_hub, status=MessageStatus.PENDING)
    MessageFactory(force=force_hub, status=MessageStatus.REJECTED, moderation_note="Has a phone number")
    MessageFactory(force=force_hub, status=MessageStatus.WITHDRAWN, published_at=None)

    assert ids(feed(client)) == [shown.pk]
    assert ids(feed(client, "?force=hertfordshire")) == [shown.pk]


def test_private_fields_never_appear_in_any_response(client, force_hub, other_force_hub, publish):
    publish(
        force_hub,
        station=force_hub.stations.first(),
        email="sam@example.org",
        client_hash="f" * 64,
        moderation_note="note",
        flags=[{"kind": "phone"}],
    )
    publish(other_force_hub, from_name="")
    ForceRecognitionSettings.objects.create(force=other_force_hub, paused=False)

    for path in (FEED, f"{FEED}?force=hertfordshire", f"{FEED}?force=hertfordshire&station=hatfield"):
        page = client.get(path).json()
        assert set(page) == PAGE_KEYS
        for item in page["results"]:
            assert set(item) == MESSAGE_KEYS
            assert set(item["force"]) == {"slug", "name"}
            assert item["station"] is None or set(item["station"]) == {"slug", "name"}
    forces = client.get(FORCES).json()
    assert set(forces) == {"results"}
    for force in forces["results"]:
        assert set(force) == {"slug", "name", "name_cy", "nation", "paused", "stations"}
        assert all(set(station) == {"slug", "name"} for station in force["stations"])
    body = client.get(FEED).content.decode()
    for secret in ("sam@example.org", "f" * 64, "moderation", "flags", "status", "email"):
        assert secret not in body


def test_newest_first_filtered_by_force_and_station(client, force_hub, other_force_hub, publish):
    hatfield = force_hub.stations.get(slug="hatfield")
    now = datetime(2027, 3, 15, 12, tzinfo=UTC)
    older = publish(force_hub, station=hatfield, published_at=now - timedelta(hours=2))
    newer = publish(force_hub, published_at=now - timedelta(hours=1))
    elsewhere = publish(other_force_hub, published_at=now)

    assert ids(feed(client)) == [elsewhere.pk, newer.pk, older.pk]
    assert ids(feed(client, "?force=hertfordshire")) == [newer.pk, older.pk]
    assert ids(feed(client, "?force=hertfordshire&station=hatfield")) == [older.pk]
    assert ids(feed(client, "?force=gwent")) == [elsewhere.pk]
    assert ids(feed(client, "?force=hertfordshire&unknown=1&format=api")) == [newer.pk, older.pk]


@pytest.mark.parametrize(
    "query",
    [
        "?force=nowhere",
        "?force=hertfordshire&station=nowhere",
        "?force=gwent&station=hatfield",
        "?station=hatfield",
    ],
)
def test_an_unknown_force_or_station_is_a_json_404(client, force_hub, other_force_hub, query):
    response = feed(client, query)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(
    "query",
    [
        "?force=" + "x" * 101,
        "?force=a%20b",
        "?force=<script>",
        "?cursor=" + "c" * 201,
        "?page_size=0",
        "?page_size=-1",
        "?page_size=ten",
        "?page_size=1.5",
    ],
)
def test_malformed_or_over_long_parameters_are_a_json_400(client, force_hub, query):
    response = feed(client, query)

    assert response.status_code == 400
    assert set(response.json()) == {"detail"}


def test_a_refused_query_stays_refused_when_asked_again(client, force_hub):
    # Parsed queries are remembered by their raw text (MessageListView.answer_keys): never a bad one.
    assert [feed(client, "?force=a%20b").status_code for _ in range(3)] == [400, 400, 400]
    assert "force=a%20b" not in MessageListView.answer_keys.keys


def test_remembered_queries_are_bounded_in_number_and_length(client, force_hub, publish, monkeypatch):
    publish(force_hub)
    keys = MessageListView.answer_keys
    monkeypatch.setattr(keys, "keys", {})
    monkeypatch.setattr(keys, "MAX_ENTRIES", 3)
    padding = "&junk=" + "j" * keys.MAX_QUERY_LENGTH

    for n in range(1, 6):
        assert ids(feed(client, f"?force=hertfordshire&page_size={n}")) == ids(
            feed(client, "?force=hertfordshire")
        )
    long_answer = feed(client, f"?force=hertfordshire{padding}")

    assert long_answer.status_code == 200
    assert ids(long_answer) == ids(feed(client, "?force=hertfordshire"))
    assert 0 < len(keys.keys) <= 3
    assert all(len(raw) <= keys.MAX_QUERY_LENGTH for raw in keys.keys)


@pytest.mark.parametrize(
    "cursor",
    ["not-a-cursor", "cD14", "cD0yMDI1LTEzLTQwVDAwOjAw", "bz0tMQ==", "%FF", "bz1hYmM=", "cD0"],
)
def test_a_malformed_cursor_is_a_json_400(client, force_hub, cursor):
    """Bad base64, a position that is no date ("p=x", "p=2025-13-40T00:00"), a negative offset."""
    response = feed(client, f"?cursor={cursor}")

    assert response.status_code == 400
    assert set(response.json()) == {"detail"}


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cursor=st.one_of(st.text(max_size=60), st.binary(max_size=40).map(lambda raw: b64encode(raw).decode()))
)
def test_no_cursor_is_a_server_error(client, force_hub, cursor):
    response = client.get("/api/v1/messages/", {"cursor": cursor})

    assert response.status_code in (200, 304, 400, 404)
    assert response["Content-Type"].startswith("application/json")


def test_cursor_pages_walk_every_message_once_newest_first(client, force_hub, publish):
    start = datetime(2027, 3, 15, 12, tzinfo=UTC)
    messages = [publish(force_hub, published_at=start - timedelta(minutes=n)) for n in range(7)]
    # Two share a publication time: the cursor's offset keeps them apart.
    messages.append(publish(force_hub, published_at=start - timedelta(minutes=6)))
    expected = [m.pk for m in sorted(messages, key=lambda m: (m.published_at, m.pk), reverse=True)]

    seen, query = [], "?force=hertfordshire&page_size=3"
    while True:
        page = feed(client, query).json()
        assert len(page["results"]) <= 3
        seen += [item["id"] for item in page["results"]]
        if page["next"] is None:
            break
        query = f"?force=hertfordshire&page_size=3&cursor={page['next']}"

    assert seen == expected


def test_page_size_is_capped(client, force_hub, publish):
    for _ in range(52):
        MessageFactory(force=force_hub, published=True)
    publish(force_hub)

    assert len(feed(client).json()["results"]) == 20
    assert len(feed(client, "?page_size=5").json()["results"]) == 5
    assert len(feed(client, "?page_size=1000").json()["results"]) == 50
    assert len(feed(client, "?page_size=" + "9" * 40).json()["results"]) == 50


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", [FEED, FORCES, "/api/v1/schema/"])
def test_only_safe_methods_are_allowed(client, force_hub, method, path):
    response = getattr(client, method)(path, data={}, content_type="application/json")

    assert response.status_code == 405
    assert set(response.json()) == {"detail"}


def test_head_and_options_are_allowed(client, force_hub, publish):
    publish(force_hub)

    head = client.head(FEED)
    assert head.status_code == 200
    assert head["ETag"] == feed(client)["ETag"]
    assert client.options(FEED).status_code == 200


def test_json_is_served_whatever_the_client_accepts(client, force_hub, publish):
    publish(force_hub)

    for accept in ("text/html", "application/xml", "*/*"):
        response = client.get(FEED, headers={"Accept": accept})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"


def test_a_national_pause_empties_every_feed_and_says_why(client, force_hub, publish, after_commit):
    publish(force_hub)
    with after_commit():
        NationalWallSettings.objects.create(paused=True, holding_message="We are thinking of our colleagues.")

    for query in ("", "?force=hertfordshire", "?force=hertfordshire&station=hatfield"):
        assert feed(client, query).json() == {
            "results": [],
            "next": None,
            "paused": {"message": "We are thinking of our colleagues."},
        }


def test_a_force_pause_empties_its_feed_and_takes_it_off_the_national_one(
    client, force_hub, other_force_hub, publish, after_commit
):
    publish(force_hub)
    gwent = publish(other_force_hub)
    with after_commit():
        ForceRecognitionSettings.objects.create(force=force_hub, paused=True, holding_message="")

    paused = feed(client, "?force=hertfordshire").json()
    assert paused["results"] == [] and paused["paused"]["message"]
    assert ids(feed(client)) == [gwent.pk]
    assert feed(client).json()["paused"] is None
    assert {f["slug"]: f["paused"] for f in client.get(FORCES).json()["results"]} == {
        "hertfordshire": True,
        "gwent": False,
    }


def test_forces_lists_every_live_force_with_its_stations(client, force_hub, other_force_hub):
    StationFactory(page=other_force_hub, name="Newport Central")

    assert client.get(FORCES).json() == {
        "results": [
            {
                "slug": "gwent",
                "name": "Gwent Police",
                "name_cy": "Heddlu Gwent",
                "nation": "wales",
                "paused": False,
                "stations": [{"slug": "newport-central", "name": "Newport Central"}],
            },
            {
                "slug": "hertfordshire",
                "name": "Hertfordshire Constabulary",
                "name_cy": "",
                "nation": "england",
                "paused": False,
                "stations": [
                    {"slug": "welwyn-garden-city", "name": "Welwyn Garden City"},
                    {"slug": "hatfield", "name": "Hatfield"},
                ],
            },
        ]
    }


def test_every_answer_carries_short_public_caching(client, force_hub, publish):
    publish(force_hub)

    for path in (FEED, FORCES):
        response = client.get(path)
        assert response["Cache-Control"] == "public, max-age=5"
        assert response["ETag"].startswith('W/"')


def test_abusive_clients_are_throttled_with_a_429(client, force_hub):
    with throttled_at("3/min"):
        # Distinct pages, so none is answered from the cache (which costs less than counting).
        statuses = [feed(client, f"?page_size={size}").status_code for size in range(1, 6)]
        refused = feed(client, "?page_size=9")

    assert statuses == [200, 200, 200, 429, 429]
    assert refused.status_code == 429
    assert set(refused.json()) == {"detail"}
    assert int(refused["Retry-After"]) <= 60


def test_the_default_throttle_is_generous(client, force_hub):
    """50 screens behind one address, each polling twice a minute, with room to spare."""
    statuses = {feed(client, f"?page_size={size % 50 + 1}&cursor={size}").status_code for size in range(150)}

    assert 429 not in statuses


def test_every_address_is_throttled_on_its_own(client, force_hub):
    with throttled_at("1/min"):
        first = client.get(f"{FEED}?page_size=1", REMOTE_ADDR="192.0.2.1")
        other = client.get(f"{FEED}?page_size=2", REMOTE_ADDR="192.0.2.2")
        again = client.get(f"{FEED}?page_size=3", REMOTE_ADDR="192.0.2.1")

    assert (first.status_code, other.status_code, again.status_code) == (200, 200, 429)
