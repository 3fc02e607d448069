import pytest
from wagtail.models import Locale, Page, Site

from home.demo import NATIONAL_TEAM, ensure_group
from home.models import Nation

from .factories import ForceHubPageFactory, HomePageFactory, StationFactory, UserFactory


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
