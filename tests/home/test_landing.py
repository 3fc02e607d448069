"""Where the page explorer opens: a force's editors on their own hub (a Welsh force's editors too,
who hold rights on both languages' hubs), the national team on the national home."""

import pytest
from django.test import RequestFactory
from wagtail.models import Locale

from home.admin_overrides import LandingExplorerMenuItem
from home.demo import NATIONAL_TEAM, ensure_group
from tests.factories import UserFactory


@pytest.fixture
def gwent_editor(other_force_hub):
    welsh_hub = other_force_hub.copy_for_translation(
        Locale.objects.get(language_code="cy"), copy_parents=True
    )
    group = ensure_group(f"{other_force_hub.title} editors", other_force_hub, None)
    ensure_group(f"{other_force_hub.title} editors", welsh_hub, None)
    user = UserFactory(username="gwent-landing")
    user.groups.add(group)
    return user


def start_page(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return LandingExplorerMenuItem("Pages", "/admin/pages/", name="explorer").start_page(request)


def test_a_welsh_forces_editor_lands_on_their_hub_not_the_root(client, gwent_editor, other_force_hub):
    client.force_login(gwent_editor)

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{other_force_hub.pk}/"
    assert start_page(gwent_editor) == other_force_hub
    assert client.get(response["Location"]).status_code == 200
    assert (
        f'"start_page_id": {other_force_hub.pk}'
        in client.get("/admin/").content.decode().replace("&quot;", '"')
        or start_page(gwent_editor).pk == other_force_hub.pk
    )


def test_an_english_forces_editor_lands_on_their_hub(client, force_editor, force_hub):
    client.force_login(force_editor)
    assert client.get("/admin/pages/")["Location"] == f"/admin/pages/{force_hub.pk}/"


def test_the_national_team_lands_on_the_national_home(client, verified_login, home_page):
    user = UserFactory(username="national-landing")
    user.groups.add(ensure_group(NATIONAL_TEAM, home_page, None))
    verified_login(user)
    assert client.get("/admin/pages/")["Location"] == f"/admin/pages/{home_page.pk}/"
    assert start_page(user) == home_page


def test_a_superuser_keeps_wagtails_own_root_listing(admin_client, home_page):
    assert admin_client.get("/admin/pages/").status_code == 200
