"""ETags of the feed and the wall: they change exactly when what a response shows changes, a poll
with the current tag is a 304 that touches no database, and query counts do not grow with pages."""

import pytest
from django.core.cache import cache

from recognition.api import answers
from recognition.models import ForceRecognitionSettings, MessageStatus, NationalWallSettings
from recognition.services import approve_message, edit_and_approve_message, reject_message, withdraw_message
from recognition.tokens import hash_withdraw_token
from recognition.versioning import CACHE_KEY as VERSION_CACHE_KEY
from recognition.versioning import bump_wall_version, current_wall_version
from tests.factories import MessageFactory, StationFactory, UserFactory

FEED = "/api/v1/messages/"
HERTS_FEED = "/api/v1/messages/?force=hertfordshire"
GWENT_FEED = "/api/v1/messages/?force=gwent"
FORCES = "/api/v1/forces/"
WALL = "/thanks/"
HERTS_WALL = "/thanks/hertfordshire/"
WELSH_HERTS_WALL = "/cy/thanks/hertfordshire/"
WITHDRAW_TOKEN = "a" * 64


@pytest.fixture
def moderator(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def national_settings(db):
    """The national settings row, which the first read would otherwise create."""
    return NationalWallSettings.load()


@pytest.fixture
def herts_message(force_hub, after_commit):
    with after_commit():
        message = MessageFactory(
            force=force_hub, published=True, withdraw_token_hash=hash_withdraw_token(WITHDRAW_TOKEN)
        )
        bump_wall_version()
    return message


def tags(client, *paths) -> dict[str, str]:
    responses = {path: client.get(path) for path in paths}
    assert all(response.status_code == 200 for response in responses.values())
    return {path: response["ETag"] for path, response in responses.items()}


def changed_paths(client, before: dict[str, str]) -> set[str]:
    after = tags(client, *before)
    return {path for path in before if before[path] != after[path]}


ALL = (FEED, HERTS_FEED, GWENT_FEED, FORCES, WALL, HERTS_WALL, WELSH_HERTS_WALL)


def test_the_tag_is_stable_while_nothing_changes(client, herts_message, other_force_hub):
    before = tags(client, *ALL)

    assert changed_paths(client, before) == set()
    assert before[HERTS_WALL] != before[WELSH_HERTS_WALL]


def test_a_pending_submission_changes_no_tag(client, herts_message, other_force_hub, after_commit):
    before = tags(client, *ALL)
    with after_commit():
        MessageFactory(force=herts_message.force, status=MessageStatus.PENDING)

    assert changed_paths(client, before) == set()


def test_approval_changes_the_tags_that_show_it_and_no_other(
    client, herts_message, other_force_hub, moderator, after_commit
):
    pending = MessageFactory(force=other_force_hub, status=MessageStatus.PENDING)
    before = tags(client, *ALL)
    with after_commit():
        approve_message(message=pending, user=moderator)

    # The wall pages list every force with its count, so all of them show the approval.
    assert changed_paths(client, before) == {FEED, GWENT_FEED, WALL, HERTS_WALL, WELSH_HERTS_WALL}


@pytest.mark.parametrize("change", ["reject", "withdraw", "edit"])
def test_rejection_withdrawal_and_edit_change_the_tags_that_showed_it(
    client, herts_message, other_force_hub, moderator, after_commit, change
):
    before = tags(client, *ALL)
    with after_commit():
        if change == "reject":
            reject_message(message=herts_message, user=moderator, reason="other")
        elif change == "withdraw":
            withdraw_message(token=WITHDRAW_TOKEN)
        else:
            edit_and_approve_message(
                message=herts_message,
                user=moderator,
                body="Thank you, all of you.",
                recipient="The team",
                from_name="",
            )

    assert changed_paths(client, before) == {FEED, HERTS_FEED, WALL, HERTS_WALL, WELSH_HERTS_WALL}


def test_renaming_a_station_changes_the_tags_that_name_it(client, force_hub, other_force_hub, after_commit):
    hatfield = force_hub.stations.get(slug="hatfield")
    with after_commit():
        MessageFactory(force=force_hub, station=hatfield, published=True)
        bump_wall_version()
    before = tags(client, *ALL)
    with after_commit():
        hatfield.name = "Hatfield Police Station"
        hatfield.save()

    assert changed_paths(client, before) == {FEED, HERTS_FEED, FORCES, WALL, HERTS_WALL, WELSH_HERTS_WALL}


def test_a_new_station_changes_the_forces_list(client, herts_message, other_force_hub, after_commit):
    before = tags(client, *ALL)
    with after_commit():
        StationFactory(page=other_force_hub, name="Newport Central")

    assert changed_paths(client, before) == {FORCES}


def test_renaming_a_force_changes_every_tag_that_names_it(
    client, herts_message, other_force_hub, after_commit
):
    before = tags(client, *ALL)
    hub = herts_message.force
    with after_commit():
        hub.title = "Hertfordshire Police"
        hub.save_revision().publish()

    assert changed_paths(client, before) == {FEED, HERTS_FEED, FORCES, WALL, HERTS_WALL, WELSH_HERTS_WALL}


def test_pausing_changes_the_tags_within_one_poll(client, herts_message, other_force_hub, after_commit):
    before = tags(client, *ALL)
    with after_commit():
        ForceRecognitionSettings.objects.create(
            force=herts_message.force, paused=True, holding_message="Closed"
        )

    assert changed_paths(client, before) == {FEED, HERTS_FEED, FORCES, WALL, HERTS_WALL, WELSH_HERTS_WALL}

    before = tags(client, *ALL)
    with after_commit():
        national = NationalWallSettings.load()
        national.paused, national.holding_message = True, "Every wall is paused"
        national.save()

    assert changed_paths(client, before) == {
        FEED,
        HERTS_FEED,
        GWENT_FEED,
        FORCES,
        WALL,
        HERTS_WALL,
        WELSH_HERTS_WALL,
    }


@pytest.mark.parametrize("path", [FEED, HERTS_FEED, f"{HERTS_FEED}&station=hatfield&page_size=5", FORCES])
def test_the_current_tag_is_answered_304_with_no_query(
    client, herts_message, django_assert_num_queries, path
):
    etag = client.get(path)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(path, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=5"


@pytest.mark.parametrize("path", [WALL, HERTS_WALL, WELSH_HERTS_WALL])
def test_an_anonymous_wall_poll_with_the_current_tag_is_a_304_with_no_query(
    client, herts_message, django_assert_num_queries, path
):
    etag = client.get(path)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(path, headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_an_old_tag_gets_the_new_answer(client, herts_message, moderator, after_commit):
    old = client.get(HERTS_FEED)["ETag"]
    with after_commit():
        reject_message(message=herts_message, user=moderator, reason="other")

    response = client.get(HERTS_FEED, headers={"If-None-Match": old})

    assert response.status_code == 200
    assert response.json()["results"] == []
    assert response["ETag"] != old


def test_a_lost_cache_rebuilds_the_version_and_keeps_the_tag(client, herts_message):
    etag = client.get(HERTS_FEED)["ETag"]
    cache.clear()

    response = client.get(HERTS_FEED, headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_the_same_question_spelled_differently_shares_a_tag(client, herts_message):
    plain = client.get(f"{HERTS_FEED}&station=hatfield")["ETag"]

    assert client.get("/api/v1/messages/?station=hatfield&force=hertfordshire&utm=x")["ETag"] == plain
    assert client.get(f"{HERTS_FEED}&station=hatfield&page_size=20")["ETag"] == plain


@pytest.mark.parametrize("size", [1, 50])
def test_feed_query_count_does_not_grow_with_page_size(
    client, force_hub, national_settings, django_assert_num_queries, size
):
    hatfield = force_hub.stations.get(slug="hatfield")
    for _ in range(60):
        MessageFactory(force=force_hub, station=hatfield, published=True)

    with django_assert_num_queries(3):  # national pause, the page, the version row (cache is empty)
        assert len(client.get(f"{FEED}?page_size={size}").json()["results"]) == size
    with django_assert_num_queries(4):  # the version is cached now; + the force, its station
        client.get(f"{HERTS_FEED}&station=hatfield&page_size={size}")


def test_forces_query_count_does_not_grow_with_stations(
    client, force_hub, other_force_hub, national_settings, django_assert_num_queries
):
    for n in range(10):
        StationFactory(page=other_force_hub, name=f"Station {n}")

    with django_assert_num_queries(4):  # national pause, forces, their stations, the version row
        client.get(FORCES)


@pytest.mark.parametrize("count", [1, 45])
def test_wall_query_count_does_not_grow_with_messages_or_pages(
    client, force_hub, other_force_hub, national_settings, django_assert_num_queries, count
):
    for _ in range(count):
        MessageFactory(force=force_hub, station=force_hub.stations.first(), published=True)

    # version, forces, national pause, counts, page count, page
    with django_assert_num_queries(6):
        assert client.get(WALL).status_code == 200
    # the version is cached now; + the force's stations
    with django_assert_num_queries(6):
        assert client.get(f"{HERTS_WALL}?page={1 + (count > 20)}").status_code == 200


@pytest.fixture
def version_memo(settings):
    """Each worker trusting its copy of the version for a minute (production uses about 1 s)."""
    settings.RECOGNITION_VERSION_MEMO_SECONDS = 60
    yield
    answers._memo.__init__()


def test_with_a_version_memo_a_repeated_poll_skips_the_shared_cache(client, herts_message, version_memo):
    etag = client.get(HERTS_FEED)["ETag"]
    # Another worker publishes: the shared cache moves on, this worker has not heard yet.
    cache.set(VERSION_CACHE_KEY, current_wall_version() + 1, timeout=None)

    assert client.get(HERTS_FEED, headers={"If-None-Match": etag}).status_code == 304


def test_with_a_version_memo_this_workers_own_publication_shows_at_once(
    client, herts_message, moderator, after_commit, version_memo
):
    etag = client.get(HERTS_FEED)["ETag"]
    with after_commit():
        reject_message(message=herts_message, user=moderator, reason="other")

    response = client.get(HERTS_FEED, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_without_a_version_memo_another_workers_publication_is_seen_at_once(
    client, herts_message, django_assert_max_num_queries
):
    etag = client.get(HERTS_FEED)["ETag"]
    moved = current_wall_version() + 1
    cache.set(VERSION_CACHE_KEY, moved, timeout=None)

    with django_assert_max_num_queries(10) as queries:
        response = client.get(HERTS_FEED, headers={"If-None-Match": etag})

    assert len(queries) > 0  # rendered again for the new version...
    assert response.status_code == 304  # ...and, the bytes being the same, still the same tag
    assert cache.get(answers.answer_key("feed", "hertfordshire", "", "", 20)).version == moved


# ---- a new deploy ----


@pytest.mark.parametrize("path", [HERTS_FEED, FORCES, HERTS_WALL])
def test_every_answer_and_every_304_names_the_release(client, herts_message, settings, path):
    settings.RELEASE = "build-1"
    answer = client.get(path)
    not_modified = client.get(path, headers={"If-None-Match": answer["ETag"]})

    assert not_modified.status_code == 304
    assert answer["X-Release"] == not_modified["X-Release"] == answers.release_id()


@pytest.mark.parametrize("path", [HERTS_FEED, FORCES, HERTS_WALL])
def test_a_new_release_changes_the_tag_and_is_not_served_the_old_releases_answer(
    client, herts_message, settings, path
):
    settings.RELEASE = "build-1"
    old = client.get(path)
    settings.RELEASE = "build-2"

    new = client.get(path, headers={"If-None-Match": old["ETag"]})

    assert new.status_code == 200  # the same bytes, but another release made them
    assert new["ETag"] != old["ETag"]
    assert new["X-Release"] != old["X-Release"]
    assert client.get(path, headers={"If-None-Match": new["ETag"]}).status_code == 304


def test_without_a_release_setting_the_deployed_files_name_the_release(settings):
    settings.RELEASE = ""
    fallback = answers.release_id()

    assert fallback == answers.release_id()  # the same for every request of this deploy
    settings.RELEASE = "build-1"
    assert answers.release_id() != fallback
