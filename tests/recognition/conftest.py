import base64
import json
import re
from html import unescape

import pytest
from altcha.v2 import Challenge, solve_challenge
from django.core.cache import cache

from recognition.models import ForceRecognitionSettings
from recognition.versioning import bump_wall_version
from tests.factories import MessageFactory

FORM_PATH = "/thanks/new/"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and ALTCHA replay claims live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


def solve_altcha(html: str) -> str:
    """Solve the page's inline proof-of-work challenge as the browser widget would."""
    match = re.search(r"<altcha-widget[^>]*\schallenge='([^']+)'", html)
    assert match, "the form carries no ALTCHA challenge"
    challenge = Challenge.from_dict(json.loads(unescape(match.group(1))))
    solution = solve_challenge(challenge)
    payload = {"challenge": challenge.to_dict(), "solution": solution.to_dict()}
    return base64.b64encode(json.dumps(payload).encode()).decode()


def form_token(html: str) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', html)
    assert match, "the form carries no form token"
    return unescape(match.group(1))


def thanks_data(html: str, hub, **overrides) -> dict:
    """A valid post of the form as rendered in `html`, with the proof of work solved."""
    data = {
        "force": hub.slug,
        "station": "",
        "recipient": "PC 1234 and the Hatfield response team",
        "body": "Thank you for staying with my dad until the ambulance came. You were so kind.",
        "from_name": "Sam",
        "email": "",
        "consent": "on",
        "website": "",
        "form_token": form_token(html),
        "altcha": solve_altcha(html),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post_thanks(client):
    """GET the form, then POST it with `overrides`; returns the POST's response (a stored message
    answers 303 to its receipt), or with `follow=True` the page the browser ends on."""

    def post(hub, *, path=FORM_PATH, headers=None, follow=False, **overrides):
        html = client.get(path).content.decode()
        return client.post(path, thanks_data(html, hub, **overrides), headers=headers or {}, follow=follow)

    return post


@pytest.fixture
def auto_publishing(force_hub):
    return ForceRecognitionSettings.objects.create(force=force_hub, auto_publish_unflagged=True)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Runs a change with its after-commit work (version bump, purge), as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def publish(after_commit):
    """Store a published message and move the wall's version as the services do, after commit."""

    def make(force, **fields):
        with after_commit():
            message = MessageFactory(force=force, published=True, **fields)
            bump_wall_version()
        return message

    return make
