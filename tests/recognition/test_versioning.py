"""The wall's version moves after commit, when anything the public sees changes, and purges a
configured front-end cache: tested against a real HTTP server on 127.0.0.1 recording PURGEs."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.test import override_settings

from recognition.models import ForceRecognitionSettings, NationalWallSettings
from recognition.versioning import CACHE_KEY, bump_wall_version, current_wall_version, wall_urls
from tests.factories import StationFactory


class PurgeRecorder(BaseHTTPRequestHandler):
    received: list[tuple[str, str, str]] = []

    def do_PURGE(self):
        self.received.append((self.command, self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    backend = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": f"http://127.0.0.1:{server.server_port}",
    }
    with override_settings(
        WAGTAILFRONTENDCACHE={"default": backend}, WAGTAILADMIN_BASE_URL="https://thanks.example.org"
    ):
        yield PurgeRecorder.received
    server.shutdown()
    server.server_close()
    thread.join()


def test_the_version_moves_only_after_commit(db, django_capture_on_commit_callbacks):
    before = current_wall_version()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bump_wall_version()
        assert current_wall_version() == before
    for callback in callbacks:
        callback()

    assert current_wall_version() == before + 1


def test_a_lost_cache_is_rebuilt_from_the_database(db, after_commit):
    with after_commit():
        bump_wall_version()
    version = current_wall_version()
    cache.delete(CACHE_KEY)

    assert current_wall_version() == version
    assert cache.get(CACHE_KEY) == version


@pytest.mark.parametrize(
    "change",
    [
        "station added",
        "station renamed",
        "station removed",
        "force paused",
        "nation paused",
        "force republished",
    ],
)
def test_what_the_public_sees_of_forces_and_pauses_moves_the_version(force_hub, after_commit, change):
    NationalWallSettings.load()
    before = current_wall_version()
    with after_commit():
        if change == "station added":
            StationFactory(page=force_hub, name="Stevenage")
        elif change == "station renamed":
            station = force_hub.stations.first()
            station.name = "Renamed"
            station.save()
        elif change == "station removed":
            force_hub.stations.first().delete()
        elif change == "force paused":
            ForceRecognitionSettings.objects.create(force=force_hub, paused=True)
        elif change == "nation paused":
            national = NationalWallSettings.load()
            national.paused = True
            national.save()
        else:
            force_hub.save_revision().publish()

    assert current_wall_version() > before


def test_creating_unpaused_settings_changes_nothing(force_hub, after_commit):
    NationalWallSettings.load()
    before = current_wall_version()
    with after_commit():
        ForceRecognitionSettings.objects.create(
            force=force_hub, paused=False, complaints_url="https://example.org"
        )

    assert current_wall_version() == before


def test_the_purge_list_names_the_wall_and_the_feed_in_each_language(force_hub):
    with override_settings(WAGTAILADMIN_BASE_URL="https://thanks.example.org/"):
        urls = wall_urls()

    base = "https://thanks.example.org"
    for path in (
        "/api/v1/messages/",
        "/api/v1/forces/",
        "/api/v1/messages/?force=hertfordshire",
        "/api/v1/messages/?force=hertfordshire&station=hatfield",
        "/thanks/",
        "/cy/thanks/",
        "/thanks/hertfordshire/",
        "/cy/thanks/hertfordshire/?station=hatfield",
    ):
        assert f"{base}{path}" in urls


def test_publishing_purges_the_front_end_cache(force_hub, purge_server, after_commit):
    with after_commit():
        bump_wall_version()

    paths = {path for _method, _host, path in purge_server}
    assert {"/api/v1/messages/", "/api/v1/messages/?force=hertfordshire", "/thanks/hertfordshire/"} <= paths
    assert {host for _method, host, _path in purge_server} == {"thanks.example.org"}


def test_nothing_is_purged_before_commit(force_hub, purge_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bump_wall_version()
        assert purge_server == []

    assert len(callbacks) == 1
