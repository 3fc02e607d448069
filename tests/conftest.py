import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.demo import NATIONAL_TEAM, ensure_group
from home.models import Nation
from wellbeing.models import EventKind, Topic

from .factories import (
    CaseStudyPageFactory,
    ForceEventFactory,
    ForceHubPageFactory,
    ForceSupportContactFactory,
    HomePageFactory,
    ImageFactory,
    NationalSupportContactFactory,
    ResourceFactory,
    StationFactory,
    UserFactory,
)


def _flushes_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    return transactional or bool({"live_server", "transactional_db"} & set(item.fixturenames))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that flush the database (the live server's, the concurrent ones) run after every test
    that trusts the migrations' rows (the root page, locales, topics): pytest's own reordering by
    fixture scope can otherwise put the browser tests in the middle of the suite."""
    items.sort(key=lambda item: ("tests/browser/" in str(item.fspath), _flushes_the_database(item)))


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request for a Welsh page leaves Welsh active in the thread; code rendered outside a
    request (blocks, emails) would then speak Welsh in the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def ensure_tree_root() -> Page:
    """The root page, locales and default site. Transactional tests (the live server) flush them,
    so every fixture that builds pages starts here rather than trusting the migrations' rows."""
    for code in ("en", "cy"):
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=Locale.objects.get(language_code="en"))
    return root


@pytest.fixture
def home_page(db):
    root = ensure_tree_root()
    Page.objects.filter(depth=2, content_type__model="page").delete()
    root.refresh_from_db()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


@pytest.fixture
def force_hub(home_page):
    hub = ForceHubPageFactory(parent=home_page, title="Hertfordshire Constabulary", slug="hertfordshire")
    StationFactory(page=hub, name="Welwyn Garden City")
    StationFactory(page=hub, name="Hatfield")
    return hub


@pytest.fixture
def other_force_hub(home_page):
    return ForceHubPageFactory(
        parent=home_page, title="Gwent Police", slug="gwent", name_cy="Heddlu Gwent", nation=Nation.WALES
    )


@pytest.fixture
def force_editor(force_hub):
    """A member of Hertfordshire's editors' group, and of nothing else."""
    user = UserFactory(username="herts-editor")
    user.groups.add(ensure_group("Hertfordshire Constabulary editors", force_hub, None))
    return user


@pytest.fixture
def national_editor(home_page):
    user = UserFactory(username="national-editor")
    user.groups.add(ensure_group(NATIONAL_TEAM, home_page, None))
    return user


@pytest.fixture
def topics(db):
    """The fixed topics. The migrations add them, but transactional tests flush them."""
    Topic.objects.ensure_all()


def every_block(*, image, case_study, copies: int = 1) -> list[dict]:
    """A body with each kind of block; with `copies`, the repeatable ones that many times."""
    repeatable = [
        {
            "type": "rich_text",
            "value": "<h2>Our week</h2><p>Oscar Kilo's wellbeing van visits our stations.</p>",
        },
        {
            "type": "quote",
            "value": {
                "quote": "It is only right that they feel supported in the work they do.",
                "name": "DCC Serena Kennedy",
                "role": "NPCC lead for Response Policing",
            },
        },
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "The wellbeing van parked outside Hatfield police station",
                "caption": "The van at Hatfield.",
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Support all year round",
                "text": "Webinars, toolkits and guidance.",
                "button_label": "Visit Oscar Kilo",
                "page": None,
                "url": "https://www.oscarkilo.org.uk/",
            },
        },
        {"type": "resource_list", "value": {"heading": "Sleep", "topic": "sleep", "kind": "", "count": 6}},
        {"type": "case_study_teaser", "value": {"case_study": case_study.pk}},
    ]
    once = [
        {"type": "event_schedule", "value": {"heading": "What's on", "intro": "Drop in between calls."}},
        {"type": "support", "value": {"heading": "Get support", "intro": ""}},
        {"type": "recent_thanks", "value": {"heading": "Recent thanks", "count": 3}},
    ]
    return repeatable * copies + once


def fill_hub_with_every_block(hub, *, copies: int = 1, events: int = 3, resources: int = 3):
    """The hub with a logo, every block, `events` events (at its stations, and online), support
    contacts (its own and national ones), `resources` resources, and a published case study."""
    Topic.objects.ensure_all()
    image = ImageFactory()
    case_study = CaseStudyPageFactory(
        parent=hub,
        title="Special Constable Daniel Cook",
        photo=image,
        photo_alt_text="Daniel Cook in uniform",
    )
    for number in range(events):
        online = number % 3 == 2
        ForceEventFactory(
            page=hub,
            kind=EventKind.WEBINAR if online else EventKind.VAN_VISIT,
            station=None if online else hub.stations.first(),
            online_url="https://www.oscarkilo.org.uk/" if online else "",
        )
    ForceSupportContactFactory(page=hub)
    NationalSupportContactFactory(page=hub.get_parent().specific)
    for number in range(resources):
        ResourceFactory(force=hub if number % 2 else None, topics=["sleep", "fatigue"])
    hub.logo, hub.logo_alt_text = image, "Hertfordshire Constabulary badge"
    hub.body = every_block(image=image, case_study=case_study, copies=copies)
    hub.save_revision().publish()
    return hub


def log_in_verified(client, user):
    """Logs `user` in with a confirmed authenticator and a session verified by it, as after typing a
    code: what a member of a group that must use two-step verification needs to reach the admin."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Test authenticator", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def verified_login(client):
    """`verified_login(user)`: `client.force_login(user)` with two-step verification done."""
    return lambda user: log_in_verified(client, user)
