"""Resources in Welsh: a Welsh page shows a resource's Welsh version where there is one and the
English one until then; every version keeps the same topics; a force's editors translate their own
force's resources only, and no admin address lists another force's."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.models.audit_log import ModelLogEntry

from home.models import ResourceLibraryPage
from tests.factories import ResourceFactory, ResourceLibraryPageFactory
from wellbeing.models import Resource, Topic

TRANSLATE = "wellbeing_translate_resource"
LOCALIZE_API = "/admin/localize/api/snippets/wellbeing/resource/"


REFUSED = (302, 403)  # the admin answers a refusal with a redirect home and a message


@pytest.fixture
def cy(db):
    return Locale.objects.get_or_create(language_code="cy")[0]


def welsh_version(resource, cy, title):
    version = resource.copy_for_translation(cy)
    version.title = title
    version.save()
    return version


def welsh(page, cy):
    translation = page.copy_for_translation(cy, copy_parents=True)
    translation.save_revision().publish()
    return translation.specific


def titles(resources) -> list[str]:
    return sorted(resource.title for resource in resources)


def test_each_language_shows_its_own_version_and_english_until_there_is_one(home_page, force_hub, cy, topics):
    toolkit = ResourceFactory(title="Self-care toolkit")
    welsh_version(toolkit, cy, "Pecyn cymorth hunanofal")
    ResourceFactory(title="Sleep and shift work")
    strategy = ResourceFactory(title="Hertfordshire wellbeing strategy", force=force_hub)
    welsh_version(strategy, cy, "Strategaeth lles Swydd Hertford")

    assert titles(home_page.get_resources()) == ["Self-care toolkit", "Sleep and shift work"]
    assert titles(welsh(home_page, cy).get_resources()) == ["Pecyn cymorth hunanofal", "Sleep and shift work"]
    assert titles(welsh(force_hub, cy).get_resources()) == [
        "Pecyn cymorth hunanofal",
        "Sleep and shift work",
        "Strategaeth lles Swydd Hertford",
    ]
    assert "Strategaeth lles Swydd Hertford" not in titles(force_hub.get_resources())


def test_the_welsh_library_page_lists_the_welsh_versions(client, home_page, cy, topics):
    ResourceLibraryPageFactory(parent=home_page)
    toolkit = ResourceFactory(title="Self-care toolkit", topics=["self-care"])
    welsh_version(toolkit, cy, "Pecyn cymorth hunanofal")
    welsh_library = welsh(ResourceLibraryPage.objects.child_of(home_page).get(), cy)

    english = client.get("/resources/?topic=self-care").content.decode()
    cymraeg = client.get(welsh_library.url + "?topic=self-care").content.decode()

    assert "Self-care toolkit" in english and "Pecyn cymorth hunanofal" not in english
    assert "Pecyn cymorth hunanofal" in cymraeg and "Self-care toolkit" not in cymraeg


def test_a_new_version_starts_with_the_topics_of_the_original(db, cy, topics):
    toolkit = ResourceFactory(topics=["sleep", "fatigue"])

    version = welsh_version(toolkit, cy, "Cwsg a gwaith sifft")

    assert set(version.topics.values_list("slug", flat=True)) == {"sleep", "fatigue"}


@pytest.mark.parametrize("changed", ["original", "translation"])
def test_a_change_of_topics_in_one_language_reaches_the_others(db, cy, topics, changed):
    toolkit = ResourceFactory(topics=["sleep"])
    version = welsh_version(toolkit, cy, "Cwsg a gwaith sifft")
    other = ResourceFactory(topics=["financial"])

    edited = toolkit if changed == "original" else version
    edited.topics.set(Topic.objects.filter(slug__in=["resilience", "compassion"]))

    for resource in (toolkit, version):
        assert set(resource.topics.values_list("slug", flat=True)) == {"resilience", "compassion"}
    assert list(other.topics.values_list("slug", flat=True)) == ["financial"]

    Topic.objects.get(slug="mental-health").resources.add(version)
    assert toolkit.topics.filter(slug="mental-health").exists()


def test_a_force_editor_translates_their_forces_resource(client, force_editor, force_hub, cy, topics):
    ours = ResourceFactory(title="Hertfordshire wellbeing strategy", force=force_hub, topics=["resilience"])
    client.force_login(force_editor)
    listing = client.get(reverse("wagtailsnippets_wellbeing_resource:list")).content.decode()
    url = reverse(TRANSLATE, args=[ours.pk, "cy"])
    assert url in listing

    assert client.get(url).status_code == 200
    response = client.post(url)

    version = Resource.objects.get(translation_key=ours.translation_key, locale=cy)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_wellbeing_resource:edit", args=[version.pk])
    assert (version.force_id, version.title) == (force_hub.pk, ours.title)
    assert list(version.topics.values_list("slug", flat=True)) == ["resilience"]
    assert ModelLogEntry.objects.filter(object_id=str(version.pk), action="wagtail.create").exists()
    # Asked again, it opens the version there is rather than making a second one.
    assert client.post(url)["Location"] == response["Location"]
    assert Resource.objects.filter(translation_key=ours.translation_key).count() == 2
    assert url not in client.get(reverse("wagtailsnippets_wellbeing_resource:list")).content.decode()


@pytest.mark.parametrize("whose", ["other force", "national"])
def test_a_force_editor_cannot_translate_a_resource_not_theirs(
    client, force_editor, other_force_hub, cy, topics, whose
):
    theirs = ResourceFactory(force=other_force_hub if whose == "other force" else None)
    client.force_login(force_editor)
    url = reverse(TRANSLATE, args=[theirs.pk, "cy"])

    # Not found, as every admin view answers for another force's object (home.admin_scoping).
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Resource.objects.count() == 1


def test_translating_into_the_resources_own_or_an_unknown_language_is_not_found(
    client, force_editor, force_hub
):
    ours = ResourceFactory(force=force_hub)
    client.force_login(force_editor)

    for language in ("en", "fr"):
        assert client.post(reverse(TRANSLATE, args=[ours.pk, language])).status_code == 404
    assert Resource.objects.count() == 1


def test_wagtail_localize_translate_button_is_not_offered_for_resources(admin_client, cy):
    resource = ResourceFactory()

    listing = admin_client.get(reverse("wagtailsnippets_wellbeing_resource:list")).content.decode()

    assert reverse(
        "wagtail_localize:submit_snippet_translation", args=["wellbeing", "resource", resource.pk]
    ) not in (listing)
    assert reverse(TRANSLATE, args=[resource.pk, "cy"]) in listing


def test_wagtail_localize_snippet_lookup_lists_only_the_users_resources(
    client, force_editor, force_hub, other_force_hub
):
    ours = ResourceFactory(title="Hertfordshire wellbeing strategy", force=force_hub)
    theirs = ResourceFactory(title="Gwent wellbeing strategy", force=other_force_hub)
    national = ResourceFactory(title="Oscar Kilo self-care toolkit")
    client.force_login(force_editor)

    listing = client.get(LOCALIZE_API)

    assert listing.status_code == 200
    assert [item["title"] for item in listing.json()] == [ours.title]
    assert client.get(f"{LOCALIZE_API}{ours.pk}/").json()["title"] == ours.title
    for other in (theirs, national):
        assert client.get(f"{LOCALIZE_API}{other.pk}/").status_code == 404


def test_wagtail_localize_snippet_lookup_needs_the_admin(client, db):
    ResourceFactory()

    response = client.get(LOCALIZE_API)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_force_editor_edits_the_welsh_version_in_the_ordinary_editor(
    client, force_editor, force_hub, cy, topics
):
    ours = ResourceFactory(title="Hertfordshire wellbeing strategy", force=force_hub, topics=["resilience"])
    version = welsh_version(ours, cy, ours.title)
    client.force_login(force_editor)
    url = reverse("wagtailsnippets_wellbeing_resource:edit", args=[version.pk])
    form = {
        "title": "Strategaeth lles Swydd Hertford",
        "summary": "Sut rydym yn gofalu am ein gilydd.",
        "kind": version.kind,
        "topics": [Topic.objects.get(slug="resilience").pk],
        "provider": "Heddlu Swydd Hertford",
        "url": version.url,
        "document": "",
        "phone": "",
        "force": force_hub.pk,
    }

    assert client.get(url).status_code == 200
    response = client.post(url, form)

    assert response.status_code == 302
    version.refresh_from_db()
    ours.refresh_from_db()
    assert (version.title, version.locale, version.force_id) == (
        "Strategaeth lles Swydd Hertford",
        cy,
        force_hub.pk,
    )
    assert ours.title == "Hertfordshire wellbeing strategy"
