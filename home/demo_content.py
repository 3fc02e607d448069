"""What the demo pages say: Hertfordshire's hub and the national home from the project's data files
(drawn from the articles about the first week), and a plausible hub for every other force.

Content is written only into pages that have none yet, so running the seed again changes nothing
and never overwrites what an editor has since changed.
"""

import datetime
import json
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from wellbeing.models import (
    ForceEvent,
    ForceSupportContact,
    NationalEvent,
    NationalSupportContact,
    Resource,
    Topic,
)

from .models import CaseStudyPage, ForceHubPage, HomePage, ResourceLibraryPage, Station

DATA_DIR = Path(__file__).resolve().parent / "data"
LONDON = ZoneInfo("Europe/London")
# Dark enough for white text (4.5:1 or more), checked again when each hub is published.
ACCENTS = ["#1d3a6e", "#5a2d82", "#00573f", "#7a1f2b", "#0b4f6c", "#4a4a1a", "#8a3b12", "#23395b"]
EVENT_FIELDS = ("kind", "title", "online_url", "description", "booking_details")


@cache
def load(name: str) -> dict:
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _at(value: str) -> datetime.datetime:
    """A local time in the data files (UK time) as an aware datetime."""
    return datetime.datetime.fromisoformat(value).replace(tzinfo=LONDON)


def is_empty(page) -> bool:
    return not page.body.raw_data and not page.get_events().exists() and not page.support_contacts.exists()


def _events(model, items: list[dict], stations: dict[str, Station]) -> list:
    return [
        model(
            **{field: item.get(field, "") for field in EVENT_FIELDS},
            starts_at=_at(item["starts_at"]),
            ends_at=_at(item["ends_at"]),
            **({"station": stations[item["station"]]} if item.get("station") else {}),
        )
        for item in items
    ]


def _contacts(model, items: list[dict]) -> list:
    fields = ("kind", "name", "phone", "hours", "url", "notes")
    return [model(**{field: item.get(field, "") for field in fields}) for item in items]


def _body(blocks: list[dict], case_study_id) -> list[dict]:
    """The data's blocks, with the case studies they name replaced by page ids (`case_study_id`)."""
    body = []
    for block in blocks:
        if block["type"] == "case_study_teaser":
            block = {**block, "value": {"case_study": case_study_id(block["value"]["case_study"])}}
        body.append(block)
    return body


def _filled_in(template, values: dict):
    """The data file's strings, lists and dicts with `{name}` placeholders filled in."""
    if isinstance(template, str):
        return template.format(**values)
    if isinstance(template, list):
        return [_filled_in(item, values) for item in template]
    if isinstance(template, dict):
        return {key: _filled_in(value, values) for key, value in template.items()}
    return template


def generic_hub_content(hub: ForceHubPage, stations: list[Station], index: int) -> dict:
    """A short, plausible hub (`force_hub.json`): an introduction, a leader's quote, two events at
    its stations or online, and its contacts, with numbers unique to the force."""
    template = load("force_hub")
    quotes = [block for block in load("national")["body"] if block["type"] == "quote"]
    number = 200 + 3 * index
    values = {"force": hub.title, "oh": f"{number:03d}", "eap": f"{number + 1:03d}", "lead": f"{number:03d}"}
    if stations:
        values.update(first_station=stations[0].name, last_station=stations[-1].name)
    events = template["events_at_stations"] if stations else template["events_online"]
    body = [
        quotes[index % len(quotes)] if block["type"] == "national_quote" else block
        for block in template["body"]
    ]
    return {
        "accent_colour": ACCENTS[index % len(ACCENTS)],
        "intro": _filled_in(template["intro"], values),
        "body": body,
        "events": _filled_in(events, values),
        "support_contacts": _filled_in(template["support_contacts"], values),
    }


def ensure_case_studies(hub: ForceHubPage, items: list[dict]) -> dict[str, int]:
    """The hub's published case studies, by slug; those in `items` created if missing."""
    for item in items:
        if CaseStudyPage.objects.child_of(hub).filter(slug=item["slug"]).exists():
            continue
        fields = {key: value for key, value in item.items() if key != "consent_recorded_on"}
        consent = datetime.date.fromisoformat(item["consent_recorded_on"])
        page = hub.add_child(instance=CaseStudyPage(**fields, consent_recorded_on=consent, live=False))
        page.save_revision().publish()
    return dict(CaseStudyPage.objects.child_of(hub).values_list("slug", "pk"))


def ensure_resource_library(parent, item: dict) -> None:
    if not ResourceLibraryPage.objects.child_of(parent).exists():
        page = parent.add_child(instance=ResourceLibraryPage(**item, live=False))
        page.save_revision().publish()


def ensure_resources(items: list[dict], force: ForceHubPage | None = None) -> None:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for item in items:
        fields = {key: value for key, value in item.items() if key != "topics"}
        resource, created = Resource.objects.get_or_create(title=item["title"], force=force, defaults=fields)
        if created:
            resource.topics.set([topics[slug] for slug in item.get("topics", [])])


def ensure_welsh_resources(cy) -> None:
    """Welsh versions of a few national resources, so the Welsh pages show how translation looks
    (the rest stay in English there until someone translates them)."""
    for item in load("national").get("welsh_resources", []):
        source = Resource.objects.filter(title=item["source_title"], force=None).exclude(locale=cy).first()
        if source is None or source.has_translation(cy):
            continue
        version = source.copy_for_translation(cy)
        for field in ("title", "summary", "provider"):
            setattr(version, field, item[field])
        version.save()


def fill_hub(hub: ForceHubPage, index: int) -> bool:
    """Gives an empty hub its content (unsaved: the caller publishes). False if it had some."""
    if not is_empty(hub):
        return False
    stations = list(hub.stations.all())
    content = load(hub.slug) if (DATA_DIR / f"{hub.slug}.json").exists() else None
    if content is None:
        content = generic_hub_content(hub, stations, index)
    case_studies = ensure_case_studies(hub, content.get("case_studies", []))
    if "resource_library" in content:
        ensure_resource_library(hub, content["resource_library"])
    ensure_resources(content.get("resources", []), force=hub)
    hub.accent_colour = content["accent_colour"]
    hub.intro = content["intro"]
    hub.body = _body(content["body"], case_studies.__getitem__)
    hub.events = _events(ForceEvent, content["events"], {station.name: station for station in stations})
    hub.support_contacts = _contacts(ForceSupportContact, content["support_contacts"])
    return True


def _national_case_study_id(home: HomePage):
    """Finds a case study named `<hub slug>/<case study slug>` under `home`."""

    def case_study_id(reference: str) -> int:
        hub_slug, slug = reference.split("/")
        hub = ForceHubPage.objects.child_of(home).get(slug=hub_slug)
        return CaseStudyPage.objects.child_of(hub).get(slug=slug).pk

    return case_study_id


def fill_national_home(home: HomePage) -> bool:
    """Gives an empty national home its events, contacts, library and body. False if it had some."""
    if not is_empty(home):
        return False
    content = load("national")
    ensure_resource_library(home, content["resource_library"])
    ensure_resources(content["resources"])
    home.intro = content["intro"]
    home.body = _body(content["body"], _national_case_study_id(home))
    home.national_events = _events(NationalEvent, content["events"], {})
    home.support_contacts = _contacts(NationalSupportContact, content["support_contacts"])
    return True
