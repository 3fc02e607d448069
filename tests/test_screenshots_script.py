"""`make screenshots` (scripts/screenshots.py): every page its list names answers as the list expects,
for the user it is listed for, signed in as the script signs its users in. The list is built from
the database, so this runs on a small site made here, without the browser."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, Locale

from home.demo import (
    NATIONAL_TEAM,
    ensure_collection,
    ensure_group,
    ensure_moderators_group,
    ensure_welsh_translation,
)
from recognition.models import ProtectedName

from .conftest import log_in_verified
from .factories import CaseStudyPageFactory, ResourceLibraryPageFactory, submit_thanks

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screenshots.py"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("screenshots_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture
def site(home_page, force_hub, other_force_hub):
    """What the script's list looks up: a hub with a case study, a Welsh hub, a resource library,
    the groups, waiting messages (one flagged, one a disclosure), a protected name, and a message
    sent as the form sends it, for the receipt and withdraw pages."""
    ensure_welsh_translation(other_force_hub, Locale.objects.get(language_code="cy"), "Heddlu Gwent")
    CaseStudyPageFactory(parent=force_hub, title="Special Constable Daniel Cook")
    ResourceLibraryPageFactory(parent=home_page)
    ensure_group(f"{force_hub.title} editors", force_hub, ensure_collection(force_hub.title))
    ensure_moderators_group(f"{force_hub.title} moderators", force_hub)
    national = ensure_group(NATIONAL_TEAM, home_page, Collection.get_first_root_node())
    national.permissions.add(Permission.objects.get(codename="change_nationalwallsettings"))
    ProtectedName.objects.create(force=force_hub, name="PC 4471")
    submit_thanks(force_hub, "Thank you PC Ellis. If you ever want a coffee ring me on 07700 900123.")
    submit_thanks(
        force_hub, "Thank you for your help last year. My partner hits me and I am scared to go home."
    )
    sent = submit_thanks(force_hub, "Thank you for staying with my dad until the ambulance came.")
    return {
        "receipt": reverse("recognition:receipt", args=[sent.withdraw_token]),
        "withdraw": reverse("recognition:withdraw", args=[sent.withdraw_token]),
    }


def signed_in(script, role) -> Client:
    client = Client()
    if role.key == script.PUBLIC.key:
        return client
    user = get_user_model().objects.get(username=role.username)
    if role.two_factor:
        log_in_verified(client, user)
    else:
        client.force_login(user)
    return client


def test_every_listed_page_answers_as_expected_for_its_user(script, site):
    script.ensure_users("a password for these tests only")
    shots = script.public_shots(receipt_path=site["receipt"], withdraw_path=site["withdraw"])
    shots += script.admin_shots()
    clients = {role.key: signed_in(script, role) for role in script.ROLES}

    unexpected = {}
    for shot in shots:
        # As the browser does: redirects followed (a setting's address goes on to its row's).
        response = clients[shot.role].get(shot.path, follow=True)
        ended = response.request["PATH_INFO"]
        sent_away = ended != shot.path.split("?")[0] and ended in ("/admin/", "/admin/login/")
        if response.status_code != shot.expect or sent_away:
            unexpected[f"{shot.role}/{shot.key} {shot.path}"] = (response.status_code, ended)

    assert unexpected == {}
    listed = {(shot.role, shot.key): shot for shot in shots}
    assert {("public", "receipt"), ("public", "withdraw"), ("public", "screen"), ("public", "hub-cy")} <= set(
        listed
    )
    for role in ("force-editor", "force-moderator", "national-team"):
        assert {(role, "dashboard"), (role, "queue")} <= set(listed)
    for key in ("moderate", "moderate-disclosure", "edit-and-approve", "force-settings", "protected-names"):
        assert ("force-moderator", key) in listed
    assert ("force-editor", "pages") in listed
    assert listed[("force-editor", "hub-edit")].tabs
    assert listed[("national-team", "home-edit")].tabs


def test_the_users_get_the_demo_groups_and_the_national_team_an_authenticator(script, site):
    keys = script.ensure_users("a password for these tests only")

    users = get_user_model().objects.filter(username__startswith="shots-")
    groups = {user.username: list(user.groups.values_list("name", flat=True)) for user in users}
    assert groups == {
        "shots-editor": ["Hertfordshire Constabulary editors"],
        "shots-moderator": ["Hertfordshire Constabulary moderators"],
        "shots-national": [NATIONAL_TEAM],
    }
    assert set(keys) == {"national-team"}
    assert len(script.totp_code(keys["national-team"])) == 6
    assert Group.objects.filter(name=NATIONAL_TEAM).exists()
