"""The visibility rule, as a property: whatever sequence of submissions, approvals, rejections,
withdrawals and edits happens, the feed, the wall, the hubs' recent thanks and the screens show
exactly the approved, not withdrawn messages of the force asked for, newest first."""

import re
import uuid

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recognition.blocks import RecentThanksBlock
from recognition.models import Message
from recognition.services import (
    InvalidTransition,
    approve_message,
    edit_and_approve_message,
    reject_message,
    submit_message,
    withdraw_message,
)
from tests.factories import UserFactory

FORCES = ("hertfordshire", "gwent")
CARD_ID = re.compile(r'<article class="rpw-card" data-message-id="(\d+)">')
SCREEN_ID = re.compile(r'<li class="screen-card" data-id="(\d+)"')

# What each action does to a message in the model the test keeps: the allowed "from" states and
# the state it leaves. Anything else is refused by the service and changes nothing.
TRANSITIONS = {
    "approve": ({"pending", "rejected"}, "approved"),
    "reject": ({"pending", "approved"}, "rejected"),
    "edit": ({"pending", "rejected", "approved"}, "approved"),
    "withdraw": ({"pending", "rejected", "approved"}, "withdrawn"),
}

submit = st.tuples(st.just("submit"), st.sampled_from(range(len(FORCES))), st.booleans())
act = st.tuples(st.sampled_from(sorted(TRANSITIONS)), st.integers(min_value=0, max_value=50), st.none())
operations = st.lists(st.one_of(submit, act), min_size=1, max_size=14)


class World:
    """The site, driven through its services, beside the test's own model of who may see what."""

    def __init__(self, hubs, moderator, commit):
        self.hubs, self.moderator, self.commit = hubs, moderator, commit
        self.messages: list[tuple[Message, str]] = []  # (message, withdraw token)
        self.state: dict[int, str] = {}

    def submit(self, force_index: int, at_station: bool) -> None:
        hub = self.hubs[force_index]
        n = len(self.messages)
        with self.commit():
            submission = submit_message(
                force=hub,
                station=hub.stations.first() if at_station else None,
                recipient=f"PC {n}",
                body=f"Thank you for everything you did, message {n}.",
                from_name="Sam",
                email="",
                language="en",
                form_token=uuid.uuid4(),
                client_hash=f"{n:064x}",
            )
        self.messages.append((submission.message, submission.withdraw_token))
        self.state[submission.message.pk] = "pending"

    def act(self, action: str, index: int) -> None:
        if not self.messages:
            return
        message, token = self.messages[index % len(self.messages)]
        allowed, result = TRANSITIONS[action]
        try:
            with self.commit():
                self._call(action, message, token)
        except InvalidTransition:
            assert self.state[message.pk] not in allowed
            return
        if self.state[message.pk] in allowed:
            self.state[message.pk] = result

    def _call(self, action, message, token):
        if action == "approve":
            approve_message(message=message, user=self.moderator, override_flags=True)
        elif action == "reject":
            reject_message(message=message, user=self.moderator, reason="other")
        elif action == "edit":
            edit_and_approve_message(
                message=message,
                user=self.moderator,
                body="Thank you, edited.",
                recipient="The team",
                from_name="",
                override_flags=True,
            )
        else:
            withdraw_message(token=token)

    def expected(self, hub=None) -> list[int]:
        """Approved, not withdrawn, of `hub` (every force when None), newest first."""
        visible = [pk for pk, state in self.state.items() if state == "approved"]
        rows = Message.objects.filter(pk__in=visible)
        if hub is not None:
            rows = rows.filter(force=hub)
        return list(rows.order_by("-published_at", "-pk").values_list("pk", flat=True))


def feed_ids(client, query: str) -> list[int]:
    """Every page of the feed, following the cursor."""
    ids, cursor = [], ""
    while True:
        page = client.get(f"/api/v1/messages/?page_size=2{query}{cursor}").json()
        ids += [item["id"] for item in page["results"]]
        if page["next"] is None:
            return ids
        cursor = f"&cursor={page['next']}"


def wall_ids(client, path: str) -> list[int]:
    ids, page = [], 1
    while True:
        response = client.get(f"{path}?page={page}")
        assert response.status_code == 200
        html = response.content.decode()
        ids += [int(pk) for pk in CARD_ID.findall(html)]
        if 'rel="next"' not in html:
            return ids
        page += 1


def recent_thanks_ids(hub) -> list[int]:
    block = RecentThanksBlock()
    html = block.render(block.to_python({"heading": "Recent thanks", "count": 12}), context={"page": hub})
    return [int(pk) for pk in CARD_ID.findall(html)]


def screen_ids(client, slug: str) -> list[int]:
    response = client.get(f"/screens/{slug}/")
    assert response.status_code == 200
    return [int(pk) for pk in SCREEN_ID.findall(response.content.decode())]


@pytest.fixture
def world_parts(client, force_hub, other_force_hub, django_capture_on_commit_callbacks):
    moderator = UserFactory(is_superuser=True)
    return (
        client,
        (force_hub, other_force_hub),
        moderator,
        lambda: django_capture_on_commit_callbacks(execute=True),
    )


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=operations)
def test_every_surface_shows_exactly_the_approved_not_withdrawn_messages(world_parts, operations):
    client, hubs, moderator, commit = world_parts
    Message.objects.all().delete()
    cache.clear()
    world = World(hubs, moderator, commit)

    for name, first, second in operations:
        if name == "submit":
            world.submit(first, second)
        else:
            world.act(name, first)

    assert feed_ids(client, "") == world.expected()
    assert wall_ids(client, "/thanks/") == world.expected()
    for slug, hub in zip(FORCES, hubs, strict=True):
        expected = world.expected(hub)
        assert feed_ids(client, f"&force={slug}") == expected
        assert wall_ids(client, f"/thanks/{slug}/") == expected
        assert wall_ids(client, f"/cy/thanks/{slug}/") == expected
        assert recent_thanks_ids(hub) == expected[:12]
        assert screen_ids(client, slug) == expected[:20]
