"""Demo content for a newcomer's site: the national home, 43 force hubs, their editor groups, and
what the pages say (`demo_content`).

Every step looks up what it would create first, so running it twice gives the same site.
"""

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
)

from wellbeing.models import Topic

from .demo_content import ensure_welsh_resources, fill_hub, fill_national_home
from .models import ForceHubPage, ForceModeration, HomePage, Nation, Station

FORCES_CSV = Path(__file__).resolve().parent / "data" / "forces.csv"
NATIONAL_WEEK = (datetime.date(2027, 3, 15), datetime.date(2027, 3, 21))
NATIONAL_TEAM = "National team"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
MEDIA_PERMISSIONS = (
    ("wagtailimages", ("add_image", "change_image", "choose_image")),
    ("wagtaildocs", ("add_document", "change_document", "choose_document")),
)

# A handful of forces get real stations so that visits and thanks have somewhere to point.
DEMO_STATIONS = {
    "hertfordshire": [
        "Welwyn Garden City",
        "Hatfield",
        "Stevenage",
        "St Albans",
        "Watford",
        "Hemel Hempstead",
        "Hertford",
        "Hitchin",
    ],
    "metropolitan": ["Stoke Newington", "Bethnal Green", "Brixton", "Charing Cross"],
    "merseyside": ["St Anne Street", "Copy Lane", "Wavertree Road"],
    "staffordshire": ["Stafford", "Hanley", "Burton upon Trent"],
    "gwent": ["Newport Central", "Ystrad Mynach", "Abergavenny"],
    "south-wales": ["Cardiff Bay", "Swansea Central", "Bridgend"],
}


@dataclass(frozen=True)
class ForceRecord:
    slug: str
    name: str
    nation: str
    name_cy: str


def read_forces(path: Path = FORCES_CSV) -> list[ForceRecord]:
    """The 43 forces of England and Wales, from the data file the project carries."""
    with path.open(newline="", encoding="utf-8") as file:
        return [
            ForceRecord(row["slug"], row["name"], Nation(row["nation"].lower()), row["name_cy"])
            for row in csv.DictReader(file)
        ]


def _save_and_publish(page: Page, changes: dict, *, changed: bool = False) -> None:
    """Applies `changes` and publishes, unless nothing changed (`changed`: other changes were made)."""
    changed = changed or any(getattr(page, field) != value for field, value in changes.items())
    for field, value in changes.items():
        setattr(page, field, value)
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()


def ensure_locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("en", "cy")}


def ensure_home_page(locale: Locale) -> HomePage:
    """The national home under the tree's root, made the default site's root."""
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        # Wagtail's first migration leaves a placeholder "Welcome" page where ours belongs.
        Page.objects.filter(depth=2, content_type__model="page", slug="home").delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(
                title="Response Policing Wellbeing & Recognition Week", slug="home", locale=locale
            )
        )
    _save_and_publish(home, {"week_starts": NATIONAL_WEEK[0], "week_ends": NATIONAL_WEEK[1]})
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Response Policing Week",
        },
    )
    return home


def ensure_force_hub(home: HomePage, force: ForceRecord, index: int) -> ForceHubPage:
    """The force's hub with its stations, and content if it has none yet, in one publication."""
    hub = ForceHubPage.objects.child_of(home).filter(slug=force.slug).first()
    if hub is None:
        hub = home.add_child(instance=ForceHubPage(title=force.name, slug=force.slug, locale=home.locale))
    ensure_stations(hub, DEMO_STATIONS.get(force.slug, []))
    filled = fill_hub(hub, index)
    _save_and_publish(
        hub,
        {
            "title": force.name,
            "name_cy": force.name_cy,
            "nation": force.nation,
            "week_starts": NATIONAL_WEEK[0],
            "week_ends": NATIONAL_WEEK[1],
        },
        changed=filled,
    )
    return hub


def ensure_stations(hub: ForceHubPage, names: list[str]) -> None:
    for order, name in enumerate(names):
        Station.objects.update_or_create(
            page=hub, slug=slugify(name), defaults={"name": name, "sort_order": order}
        )


def ensure_group(name: str, page: Page, collection: Collection | None) -> Group:
    """A group whose members edit and publish `page` and everything under it, and nothing else."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    if collection is not None:
        for app_label, codenames in MEDIA_PERMISSIONS:
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
    return group


def ensure_moderators_group(name: str, hub: ForceHubPage) -> Group:
    """A group whose members moderate `hub`'s thanks and do nothing else in the admin."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    ForceModeration.objects.get_or_create(group=group, force=hub)
    return group


def ensure_private_collection(parent: Collection, groups: list[Group]) -> Collection:
    """`parent`'s "internal" child: documents and images in it are served only to `groups` (Wagtail's
    collection privacy, checked on every download); everything else of a force is public."""
    collection = parent.get_children().filter(name=f"{parent.name}: internal").first()
    collection = collection or parent.add_child(name=f"{parent.name}: internal")
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.GROUPS}
    )
    restriction.groups.add(*groups)
    return collection


def ensure_collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def ensure_welsh_translation(page: Page, cy: Locale, title: str | None = None) -> Page:
    """The Welsh version of a page, copied for translation the first time, then kept published."""
    translation = page.get_translation_or_none(cy)
    if translation is None:
        translation = page.copy_for_translation(cy, copy_parents=True)
    translation = translation.specific
    _save_and_publish(translation, {"title": title or translation.title})
    return translation


@transaction.atomic
def seed_site() -> HomePage:
    """The national home; per force a hub, an editors' and a moderators' group; a few stations, the
    week's events, contacts and resources, and Welsh versions."""
    locales = ensure_locales()
    Topic.objects.ensure_all()
    home = ensure_home_page(locales["en"])
    # The national team's media rights are on the root collection, so every force's collection too.
    ensure_collection(NATIONAL_TEAM)
    national_team = ensure_group(NATIONAL_TEAM, home, Collection.get_first_root_node())
    for index, force in enumerate(read_forces()):
        hub = ensure_force_hub(home, force, index)
        collection = ensure_collection(force.name)
        editors = ensure_group(f"{force.name} editors", hub, collection)
        ensure_moderators_group(f"{force.name} moderators", hub)
        ensure_private_collection(collection, [editors, national_team])
    if fill_national_home(home):
        home.save_revision().publish()
    welsh_home = ensure_welsh_translation(home, locales["cy"], "Wythnos Lles a Chydnabod Plismona Ymateb")
    ensure_welsh_resources(locales["cy"])
    ensure_group(NATIONAL_TEAM, welsh_home, None)
    for hub in ForceHubPage.objects.child_of(home).filter(nation=Nation.WALES):
        welsh_hub = ensure_welsh_translation(hub, locales["cy"], hub.name_cy)
        ensure_group(f"{hub.title} editors", welsh_hub, None)
    return home
