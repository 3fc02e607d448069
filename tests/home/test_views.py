import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

PROJECT_DIR = Path(__file__).resolve().parents[2]


def test_healthz_answers_ok_when_database_and_cache_answer(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "database_url",
    ["sqlite:////nonexistent-directory/db.sqlite3", "postgres://nobody@127.0.0.1:9/nothing"],
    ids=["sqlite-missing", "postgres-refused"],
)
def test_healthz_answers_503_when_the_database_is_unreachable(database_url):
    # A separate process, so the unreachable database is a real one and not a patched connection.
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "PATH": "/usr/bin:/bin",
    }
    completed = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )

    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result == {
        "status": 503,
        "body": {"status": "unavailable", "database": "unavailable", "cache": "ok"},
    }


def test_unknown_page_gets_the_styled_404(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="govuk-skip-link"' in response.content.decode()


def test_server_error_page_renders_on_its_own():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def _csp(response) -> dict[str, str]:
    directives = [part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")]
    return dict(directives)


def test_public_pages_carry_a_strict_content_security_policy(client, force_hub):
    csp = _csp(client.get("/hertfordshire/"))

    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in str(csp)


def test_public_pages_have_no_inline_script_or_style(client, force_hub, other_force_hub):
    for path in ("/", "/hertfordshire/", "/no-such-page/"):
        html = client.get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\sstyle=", html), path
        assert "<style" not in html, path
        assert not re.search(r"\son[a-z]+=", html), path


def test_the_admin_has_its_own_documented_policy(client, db):
    csp = _csp(client.get("/admin/login/"))

    assert csp["default-src"] == "'self'"
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'self'"
    assert "'unsafe-inline'" in csp["script-src"]


def test_the_admin_calls_no_other_origin(settings):
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


def test_welsh_lives_under_cy_and_english_is_unprefixed(client, force_hub):
    english = client.get("/hertfordshire/")
    welsh = client.get("/cy/")

    assert english.status_code == 200
    assert '<html lang="en"' in english.content.decode()
    assert welsh.status_code == 200
    assert '<html lang="cy"' in welsh.content.decode()


def test_a_hubs_accent_colour_is_served_as_a_stylesheet(client):
    response = client.get("/accent/003d5b.css")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response.content == b":root{--rpw-accent:#003d5b}\n"
    assert "immutable" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path", ["/accent/ffdd00.css", "/accent/FFFFFF.css", "/accent/1d3a6e.js", "/accent/x.css"]
)
def test_only_readable_accent_colours_are_served(client, db, path):
    assert client.get(path).status_code == 404
