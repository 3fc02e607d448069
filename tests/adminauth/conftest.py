import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F

from home.demo import ensure_moderators_group

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"


def sign_in(client, username, password, address="192.0.2.10", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, headers=headers
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def age_attempts(**delta) -> None:
    """Moves every stored failed attempt back in time: axes compares their times with now."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(**delta))


def page_text(response) -> str:
    """The page without what differs on every render (tokens)."""
    return re.sub(
        r'(csrfmiddlewaretoken" value=|nonce=|"CSRF_TOKEN": )"[^"]*"', "", response.content.decode()
    )


@pytest.fixture
def force_moderator(force_hub):
    from tests.factories import UserFactory

    user = UserFactory(username="herts-moderator")
    user.groups.add(ensure_moderators_group(f"{force_hub.title} moderators", force_hub))
    return user
