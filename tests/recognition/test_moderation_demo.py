"""The demo: a real queue and a real wall, in every state, with every kind of flag."""

import pytest
from django.contrib.auth.models import Group
from django.utils.text import slugify
from wagtail.models import ModelLogEntry

from home.demo import NATIONAL_TEAM, ensure_group
from recognition.demo import read_demo_data, seed_messages
from recognition.models import Message, MessageStatus, ProtectedName
from recognition.screening import FlagKind
from tests.factories import ForceHubPageFactory, StationFactory


@pytest.fixture
def demo_forces(home_page):
    data = read_demo_data()
    stations: dict[str, set] = {}
    for spec in data["messages"]:
        stations.setdefault(spec["force"], set()).add(spec.get("station"))
    for slug, names in stations.items():
        hub = ForceHubPageFactory(parent=home_page, title=slug.replace("-", " ").title(), slug=slug)
        for name in filter(None, names):
            StationFactory(page=hub, name=name.replace("-", " ").title(), slug=slugify(name))
    ensure_group(NATIONAL_TEAM, home_page, None)


def test_the_demo_has_every_state_and_every_kind_of_flag(demo_forces):
    added = seed_messages()

    assert added == len(read_demo_data()["messages"])
    assert set(Message.objects.values_list("status", flat=True)) == set(MessageStatus.values)
    kinds = {flag["kind"] for flags in Message.objects.values_list("flags", flat=True) for flag in flags}
    assert kinds == {str(kind) for kind in FlagKind}
    assert Message.objects.filter(status=MessageStatus.PENDING, flags=[]).exists()
    assert set(Message.objects.values_list("force__slug", flat=True).distinct()) >= {
        "hertfordshire",
        "metropolitan",
        "gwent",
        "south-wales",
        "merseyside",
    }
    assert ProtectedName.objects.filter(force__slug="hertfordshire").count() == 2


def test_the_demo_runs_twice_without_adding_anything(demo_forces):
    seed_messages()
    count, logs = Message.objects.count(), ModelLogEntry.objects.count()

    assert seed_messages() == 0
    assert (Message.objects.count(), ModelLogEntry.objects.count()) == (count, logs)


def test_the_demo_lets_the_national_team_edit_the_national_wall_settings(demo_forces):
    seed_messages()

    group = Group.objects.get(name=NATIONAL_TEAM)
    assert group.permissions.filter(codename="change_nationalwallsettings").exists()
