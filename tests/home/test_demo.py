import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Collection, CollectionViewRestriction, GroupPagePermission, Locale, Page, Revision

from home.demo import NATIONAL_TEAM, read_forces
from home.models import (
    CaseStudyPage,
    ForceHubPage,
    ForceModeration,
    HomePage,
    Nation,
    ResourceLibraryPage,
    Station,
)
from wellbeing.models import ForceEvent, ForceSupportContact, NationalEvent, NationalSupportContact, Resource


def _snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "slug", "title", "live")),
        "revisions": Revision.objects.count(),
        "stations": list(Station.objects.order_by("pk").values_list("page_id", "slug", "name")),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "permissions": GroupPagePermission.objects.count(),
        "moderation": ForceModeration.objects.count(),
        "collections": list(Collection.objects.order_by("path").values_list("name", flat=True)),
        "events": list(ForceEvent.objects.order_by("pk").values_list("page_id", "title", "starts_at")),
        "national_events": NationalEvent.objects.count(),
        "contacts": (ForceSupportContact.objects.count(), NationalSupportContact.objects.count()),
        "resources": list(Resource.objects.order_by("pk").values_list("title", "force_id", "locale_id")),
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


def test_seed_demo_translates_a_few_national_resources_into_welsh(seeded, client):
    welsh = Resource.objects.filter(locale__language_code="cy")

    assert set(welsh.values_list("title", flat=True)) == {
        "Cwsg a gwaith sifft: recordiad gweminar",
        "Pecyn cymorth hunanofal",
        "Y Samariaid",
    }
    assert all(version.get_translation(Locale.get_default()).force_id is None for version in welsh)
    assert "Pecyn cymorth hunanofal" in client.get("/cy/").content.decode()
    assert "Pecyn cymorth hunanofal" not in client.get("/").content.decode()


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


def test_seed_demo_gives_each_force_a_moderators_group_and_an_internal_collection(seeded):
    moderators = Group.objects.get(name="Hertfordshire Constabulary moderators")
    herts = ForceHubPage.objects.get(slug="hertfordshire", locale__language_code="en")
    assert list(ForceModeration.objects.filter(group=moderators).values_list("force", flat=True)) == [
        herts.pk
    ]
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    assert not moderators.collection_permissions.exists()
    assert ForceModeration.objects.count() == 43

    internal = Collection.objects.get(name="Hertfordshire Constabulary: internal")
    restriction = CollectionViewRestriction.objects.get(collection=internal)
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Hertfordshire Constabulary editors",
        NATIONAL_TEAM,
    }
    assert CollectionViewRestriction.objects.count() == 43


def test_seed_demo_run_twice_gives_the_same_site(seeded):
    first = _snapshot()

    call_command("seed_demo", verbosity=0)

    assert _snapshot() == first


def test_seed_demo_fills_hertfordshires_hub_from_the_articles(seeded, client):
    herts = ForceHubPage.objects.get(slug="hertfordshire", locale__language_code="en")

    vans = herts.events.filter(kind="van_visit")
    assert set(vans.values_list("station__name", flat=True)) == set(
        herts.stations.values_list("name", flat=True)
    )
    titles = list(herts.events.values_list("title", flat=True))
    assert any("sleep" in title for title in titles)
    assert any("fatigue" in title for title in titles)
    assert any("resilience" in title for title in titles)
    assert "#WECOPS response policing conversation" in titles
    quoted = {block.value["name"] for block in herts.body if block.block_type == "quote"}
    assert quoted == {
        "Chief Inspector Frankie Westoby",
        "Deputy Chief Constable Serena Kennedy",
        "Chief Constable Andy Rhodes",
    }
    case_study = CaseStudyPage.objects.child_of(herts).live().get()
    assert case_study.display_name == "Special Constable Daniel Cook"
    assert case_study.team == "Welwyn Hatfield Intervention Team"
    assert case_study.consent_recorded_on is not None
    assert "give back to the community" in str(case_study.story)
    html = client.get("/hertfordshire/").content.decode()
    assert "Special Constable Daniel Cook" in html
    assert "Wellbeing van at Hemel Hempstead" in html


def test_seed_demo_gives_every_force_a_plausible_hub_with_fictional_numbers(seeded, client):
    hubs = ForceHubPage.objects.filter(locale__language_code="en")

    for hub in hubs:
        assert hub.body.raw_data, hub.slug
        assert hub.events.count() >= 2, hub.slug
        assert hub.support_contacts.count() >= 3, hub.slug
    assert client.get("/surrey/").status_code == 200
    assert client.get("/cy/gwent/").status_code == 200
    assert ForceHubPage.objects.get(slug="gwent", locale__language_code="cy").events.count() >= 2
    numbers = ForceSupportContact.objects.exclude(phone="").values_list("phone", flat=True)
    assert all(number.startswith(("01632 960", "07700 900")) for number in numbers)


def test_seed_demo_gives_the_national_home_events_contacts_and_a_resource_library(seeded, client):
    home = HomePage.objects.get(locale__language_code="en")

    assert "#WECOPS response policing conversation" in home.national_events.values_list("title", flat=True)
    assert home.support_contacts.filter(phone="116 123").exists()
    assert ResourceLibraryPage.objects.child_of(home).live().exists()
    assert Resource.objects.national().count() >= 10
    assert not Resource.objects.national().filter(topics__isnull=True).exists()
    assert client.get("/resources/?topic=sleep").status_code == 200
