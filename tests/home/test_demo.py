import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Locale, Page, Revision

from home.demo import NATIONAL_TEAM, read_forces
from home.models import ForceHubPage, HomePage, Nation, Station


def _snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "slug", "title", "live")),
        "revisions": Revision.objects.count(),
        "stations": list(Station.objects.order_by("pk").values_list("page_id", "slug", "name")),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "permissions": GroupPagePermission.objects.count(),
    }


@pytest.fixture
def seeded(db):
    call_command("seed_demo", verbosity=0)


def test_data_file_lists_the_43_forces_four_of_them_welsh():
    forces = read_forces()

    assert len(forces) == 43
    assert len({force.slug for force in forces}) == 43
    welsh = [force for force in forces if force.nation == Nation.WALES]
    assert sorted(force.name_cy for force in welsh) == [
        "Heddlu De Cymru",
        "Heddlu Dyfed-Powys",
        "Heddlu Gogledd Cymru",
        "Heddlu Gwent",
    ]


def test_seed_demo_makes_a_national_home_and_43_published_force_hubs(seeded):
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=english)

    hubs = ForceHubPage.objects.child_of(home).live()
    assert hubs.count() == 43
    assert hubs.filter(nation=Nation.WALES).exclude(name_cy="").count() == 4
    assert Station.objects.filter(page__slug="hertfordshire").count() >= 5


def test_seed_demo_publishes_welsh_versions_of_the_home_and_the_welsh_hubs(seeded, client):
    welsh = Locale.objects.get(language_code="cy")

    assert HomePage.objects.filter(locale=welsh, live=True).count() == 1
    assert set(ForceHubPage.objects.filter(locale=welsh, live=True).values_list("title", flat=True)) == {
        "Heddlu De Cymru",
        "Heddlu Dyfed-Powys",
        "Heddlu Gogledd Cymru",
        "Heddlu Gwent",
    }
    response = client.get("/cy/gwent/")
    assert response.status_code == 200
    assert "Heddlu Gwent" in response.content.decode()


def test_seed_demo_gives_each_force_an_editors_group_with_rights_on_its_hub_only(seeded):
    herts = ForceHubPage.objects.get(slug="hertfordshire", locale__language_code="en")
    group = Group.objects.get(name="Hertfordshire Constabulary editors")

    pages = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", flat=True))
    assert pages == {herts.pk}
    gwent = GroupPagePermission.objects.filter(group__name="Gwent Police editors").values_list(
        "page__slug", "page__locale__language_code"
    )
    assert set(gwent) == {("gwent", "en"), ("gwent", "cy")}
    codenames = set(
        GroupPagePermission.objects.filter(group=group).values_list("permission__codename", flat=True)
    )
    assert codenames == {"add_page", "change_page", "publish_page"}
    assert Group.objects.filter(name__endswith=" editors").count() == 43
    national = GroupPagePermission.objects.filter(group__name=NATIONAL_TEAM).values_list("page_id", flat=True)
    assert set(national) == set(HomePage.objects.values_list("pk", flat=True))


def test_seed_demo_run_twice_gives_the_same_site(seeded):
    first = _snapshot()

    call_command("seed_demo", verbosity=0)

    assert _snapshot() == first
