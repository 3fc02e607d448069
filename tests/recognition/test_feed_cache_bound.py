"""What the feed and the wall keep in the shared cache stays bounded, whatever queries the throttle
lets through: made-up cursors, odd page sizes, unknown forces and junk parameters are answered,
correctly, and not kept. Keys are counted in the real cache backend: local memory, or Redis."""

from base64 import b64encode
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from recognition.api import answers
from recognition.api.query import DEFAULT_PAGE_SIZE
from recognition.versioning import bump_wall_version

FEED = "/api/v1/messages/"
START = datetime(2027, 3, 15, 12, tzinfo=UTC)


def kept(prefix: str = answers.KEY_PREFIX) -> set[str]:
    """The keys under `prefix` that the shared cache holds now."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client()
        return {key.decode() for key in client.scan_iter(match=backend.make_key(f"{prefix}*"))}
    return {key for key in backend._cache if f":{prefix}" in key}


def cursor(**tokens) -> str:
    """A cursor as the feed encodes them, for a position it never gave out."""
    return b64encode(urlencode(tokens).encode()).decode()


def get(client, **query):
    response = client.get(FEED, query)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def messages(force_hub, publish):
    """Twelve published messages, a minute apart, newest first."""
    made = [publish(force_hub, published_at=START - timedelta(minutes=n)) for n in range(12)]
    return [message.pk for message in made]


def test_made_up_cursors_are_answered_but_not_kept(client, messages):
    get(client, force="hertfordshire")
    before = kept() | kept(answers.ISSUED_PREFIX)

    for n in range(200):
        minutes, offset = n % 12, n % 3
        position = (START - timedelta(minutes=minutes, microseconds=n + 1)).isoformat()
        page = get(client, force="hertfordshire", cursor=cursor(p=position, o=offset))
        # Answered correctly: what is older than the position, less the offset.
        assert [item["id"] for item in page["results"]] == messages[minutes + 1 :][offset:]

    assert kept() | kept(answers.ISSUED_PREFIX) == before


def test_a_made_up_cursor_is_answered_like_the_one_the_feed_gave_out(client, messages):
    given_out = get(client, force="hertfordshire", page_size=5)["next"]
    made_up = cursor(p=(START - timedelta(minutes=4)).isoformat())

    assert (
        get(client, force="hertfordshire", page_size=5, cursor=made_up)["results"]
        == get(client, force="hertfordshire", page_size=5, cursor=given_out)["results"]
    )


def test_a_walk_through_every_page_keeps_only_the_first_few(client, messages):
    seen, query = [], {"force": "hertfordshire", "page_size": 1}
    while True:
        page = get(client, **query)
        seen += [item["id"] for item in page["results"]]
        if page["next"] is None:
            break
        query["cursor"] = page["next"]

    assert seen == messages
    assert len(kept()) == answers.MAX_KEPT_PAGE
    # Walking again adds nothing.
    query.pop("cursor")
    while (page := get(client, **query))["next"]:
        query["cursor"] = page["next"]
    assert len(kept()) == answers.MAX_KEPT_PAGE


def test_a_kept_later_page_is_a_304_with_no_query(client, messages, django_assert_num_queries):
    second = {"force": "hertfordshire", "cursor": get(client, force="hertfordshire", page_size=5)["next"]}
    second["page_size"] = 5
    etag = client.get(FEED, second)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(FEED, second, headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_unusual_queries_share_a_budget_per_version_and_a_screens_poll_is_kept_regardless(
    client, messages, monkeypatch, after_commit
):
    monkeypatch.setattr(answers, "MAX_EXTRA_ANSWERS", 3)

    for size in [size for size in range(1, 31) if size != DEFAULT_PAGE_SIZE]:
        assert len(get(client, force="hertfordshire", page_size=size)["results"]) == min(size, 12)
    assert len(kept()) == 3

    get(client, force="hertfordshire")  # what a screen asks for
    get(client, force="hertfordshire", station="hatfield")
    assert len(kept()) == 5

    with after_commit():
        bump_wall_version()
    get(client, force="hertfordshire", page_size=7)
    assert len(kept()) == 6  # a new version, a new budget


def test_unknown_forces_stations_and_junk_parameters_add_nothing(client, messages, other_force_hub):
    get(client, force="hertfordshire")
    before = kept()

    for n in range(50):
        assert client.get(FEED, {"force": f"force-{n}"}).status_code == 404
        assert client.get(FEED, {"force": "hertfordshire", "station": f"station-{n}"}).status_code == 404
        assert client.get(FEED, {"force": "hertfordshire", f"junk{n}": n}).status_code == 200
        assert client.get(FEED, {"force": "hertfordshire", "cursor": f"junk{n}"}).status_code == 400

    assert kept() == before


def test_wall_pages_that_do_not_exist_add_nothing(client, messages):
    assert client.get("/thanks/hertfordshire/").status_code == 200
    before = kept()

    for query in ["?page=2", "?page=01", "?page=99999", "?station=nowhere", "?page=1&junk=1"]:
        client.get(f"/thanks/hertfordshire/{query}")

    assert kept() == before
