"""A force's editors manage their own force's resources only; the national ones are the national
team's. Every admin address for another force's resource refuses, and changes nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tests.factories import ResourceFactory, UserFactory
from wellbeing.models import Resource, Topic
from wellbeing.permissions import ResourcePermissionPolicy

URLS = "wagtailsnippets_wellbeing_resource"
CHOOSER = "wagtailsnippetchoosers_wellbeing_resource"
REFUSED = (302, 403, 404)


def _resource_form(force=None, title="Our wellbeing strategy", **changes) -> dict:
    data = {
        "title": title,
        "summary": "How we look after each other.",
        "kind": "guide",
        "topics": [Topic.objects.get(slug="resilience").pk],
        "provider": "Hertfordshire Constabulary",
        "url": "https://www.herts.police.uk/",
        "document": "",
        "phone": "",
        "force": force.pk if force else "",
    }
    data.update(changes)
    return data


@pytest.fixture
def resources(force_hub, other_force_hub, topics):
    return {
        "ours": ResourceFactory(title="Hertfordshire wellbeing strategy", force=force_hub),
        "theirs": ResourceFactory(title="Gwent wellbeing strategy", force=other_force_hub),
        "national": ResourceFactory(title="Oscar Kilo self-care toolkit"),
    }


def test_a_force_editor_manages_their_force_only(force_editor, resources):
    scopes = ResourcePermissionPolicy(Resource).scopes(force_editor)

    assert scopes.covers(resources["ours"].force_id)
    assert not scopes.covers(resources["theirs"].force_id)
    assert not scopes.covers(None)


def test_the_national_team_manages_every_resource(national_editor, resources):
    policy = ResourcePermissionPolicy(Resource)

    assert all(
        policy.user_has_permission_for_instance(national_editor, "change", r) for r in resources.values()
    )
    assert set(policy.instances_user_has_any_permission_for(national_editor, ["change"])) == set(
        resources.values()
    )


def test_someone_without_page_rights_manages_nothing(db, resources):
    policy = ResourcePermissionPolicy(Resource)
    nobody = UserFactory()

    assert not policy.user_has_permission(nobody, "add")
    assert not policy.user_has_permission(AnonymousUser(), "change")
    assert not policy.instances_user_has_any_permission_for(nobody, ["change"]).exists()


def test_the_admin_list_shows_a_force_editor_their_forces_resources_only(client, force_editor, resources):
    client.force_login(force_editor)

    html = client.get(reverse(f"{URLS}:list")).content.decode()

    assert "Hertfordshire wellbeing strategy" in html
    assert "Gwent wellbeing strategy" not in html
    assert "Oscar Kilo self-care toolkit" not in html


def test_the_chooser_offers_a_force_editor_their_forces_resources_only(client, force_editor, resources):
    client.force_login(force_editor)

    html = client.get(reverse(f"{CHOOSER}:choose")).content.decode()

    assert "Hertfordshire wellbeing strategy" in html
    assert "Gwent wellbeing strategy" not in html
    assert "Oscar Kilo self-care toolkit" not in html


VIEWS = [
    ("get", "edit"),
    ("post", "edit"),
    ("get", "delete"),
    ("post", "delete"),
    ("get", "inspect"),
    ("get", "history"),
    ("get", "history_results"),
    ("get", "usage"),
    ("get", "copy"),
    ("post", "copy"),
]


@pytest.mark.parametrize("whose", ["theirs", "national"])
@pytest.mark.parametrize(("method", "view"), VIEWS, ids=lambda value: value)
def test_a_force_editor_is_refused_every_view_of_a_resource_not_theirs(
    client, force_editor, resources, whose, method, view
):
    resource = resources[whose]
    client.force_login(force_editor)
    data = _resource_form(resource.force, title="Changed by another force")
    before = Resource.objects.count(), Resource.objects.get(pk=resource.pk).title

    response = getattr(client, method)(reverse(f"{URLS}:{view}", args=[resource.pk]), data)

    # Not found, as every admin view answers for another force's object (home.admin_scoping).
    assert response.status_code == 404
    assert (Resource.objects.count(), Resource.objects.get(pk=resource.pk).title) == before


@pytest.mark.parametrize("whose", ["theirs", "national"])
def test_a_force_editor_cannot_choose_a_resource_not_theirs(client, force_editor, resources, whose):
    client.force_login(force_editor)

    response = client.get(reverse(f"{CHOOSER}:chosen", args=[resources[whose].pk]))

    assert response.status_code == 404
    multiple = client.get(reverse(f"{CHOOSER}:chosen_multiple"), {"id": [resources[whose].pk]})
    assert resources[whose].title not in multiple.content.decode()


def test_a_force_editor_cannot_bulk_delete_a_resource_not_theirs(client, force_editor, resources):
    client.force_login(force_editor)
    url = reverse("wagtail_bulk_action", args=["wellbeing", "resource", "delete"])
    ids = [resources["theirs"].pk, resources["national"].pk]

    client.post(f"{url}?id={ids[0]}&id={ids[1]}", {})

    assert Resource.objects.filter(pk__in=ids).count() == 2


def test_a_force_editor_bulk_deletes_their_own(client, force_editor, resources):
    client.force_login(force_editor)
    url = reverse("wagtail_bulk_action", args=["wellbeing", "resource", "delete"])

    client.post(f"{url}?id={resources['ours'].pk}", {})

    assert not Resource.objects.filter(pk=resources["ours"].pk).exists()


def test_a_force_editor_creates_a_resource_for_their_force(client, force_editor, force_hub, topics):
    client.force_login(force_editor)

    response = client.post(reverse(f"{URLS}:add"), _resource_form(force_hub))

    assert response.status_code == 302
    resource = Resource.objects.get(title="Our wellbeing strategy")
    assert resource.force == force_hub
    assert list(resource.topics.values_list("slug", flat=True)) == ["resilience"]


@pytest.mark.parametrize("scope", ["other force", "national"])
def test_a_force_editor_cannot_create_a_resource_for_another_scope(
    client, force_editor, other_force_hub, topics, scope
):
    client.force_login(force_editor)

    response = client.post(
        reverse(f"{URLS}:add"), _resource_form(other_force_hub if scope == "other force" else None)
    )

    assert response.status_code == 200
    assert not Resource.objects.exists()


def test_a_force_editor_cannot_move_their_resource_to_another_force(
    client, force_editor, other_force_hub, resources
):
    client.force_login(force_editor)
    ours = resources["ours"]

    response = client.post(reverse(f"{URLS}:edit", args=[ours.pk]), _resource_form(other_force_hub))

    assert response.status_code == 200
    ours.refresh_from_db()
    assert ours.force_id != other_force_hub.pk


def test_a_force_editor_edits_their_own_resource(client, force_editor, force_hub, resources):
    client.force_login(force_editor)
    ours = resources["ours"]

    response = client.post(
        reverse(f"{URLS}:edit", args=[ours.pk]), _resource_form(force_hub, title="Renamed")
    )

    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.title == "Renamed"


def test_the_national_team_creates_national_resources(client, national_editor, topics, verified_login):
    verified_login(national_editor)

    response = client.post(reverse(f"{URLS}:add"), _resource_form(None, title="Compassion toolkit"))

    assert response.status_code == 302
    assert Resource.objects.get(title="Compassion toolkit").is_national


def test_someone_without_page_rights_cannot_open_the_resources(client, db):
    client.force_login(UserFactory())

    assert client.get(reverse(f"{URLS}:list")).status_code in REFUSED


def test_admin_search_finds_a_force_editors_own_resources_only(client, force_editor, resources):
    client.force_login(force_editor)

    html = client.get(reverse(f"{URLS}:list"), {"q": "wellbeing strategy"}).content.decode()

    assert "Hertfordshire wellbeing strategy" in html
    assert "Gwent wellbeing strategy" not in html


def test_the_resource_form_offers_a_force_editor_their_force_only(client, force_editor, resources):
    client.force_login(force_editor)

    html = client.get(reverse(f"{URLS}:add")).content.decode()

    assert "Hertfordshire Constabulary" in html
    assert "Gwent Police" not in html
    assert "National: every force" not in html


def test_the_snippets_overview_gives_no_count_of_other_forces_resources(client, force_editor, resources):
    # Resources have their own menu item, so Wagtail's overview (which counts every row) leaves them out.
    client.force_login(force_editor)

    response = client.get(reverse("wagtailsnippets:index"))

    assert response.status_code in REFUSED
    assert "Gwent wellbeing strategy" not in response.content.decode()
