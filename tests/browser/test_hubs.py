"""The national home, a hub with every block, a case study and the resource library in Chromium, on a
phone and on a desktop: nothing scrolls sideways, axe-core finds no WCAG 2.2 AA violation, and the
Content Security Policy blocks nothing."""

import datetime

import pytest

from tests.conftest import fill_hub_with_every_block
from tests.factories import (
    NationalEventFactory,
    NationalSupportContactFactory,
    ResourceFactory,
    ResourceLibraryPageFactory,
)

from .conftest import DESKTOP, PHONE, has_horizontal_scroll

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])


@pytest.fixture
def site(home_page, force_hub, other_force_hub, topics):
    """A national home with events, contacts and a library; Hertfordshire's hub with every block."""
    NationalEventFactory(page=home_page, title="#WECOPS response policing conversation")
    NationalEventFactory(page=home_page, title="Oscar Kilo webinar: sleep and shift work")
    NationalSupportContactFactory(page=home_page)
    for title in ("Sleep and shift work: webinar recording", "Compassion toolkit", "Samaritans"):
        ResourceFactory(title=title, topics=["sleep", "compassion"])
    ResourceLibraryPageFactory(parent=home_page)
    for page in (home_page, force_hub):
        page.week_starts, page.week_ends = datetime.date(2027, 3, 15), datetime.date(2027, 3, 21)
        page.save_revision().publish()
    return fill_hub_with_every_block(
        force_hub.specific_class.objects.get(pk=force_hub.pk), events=6, resources=4
    )


@pytest.fixture
def visit(page, live_server):
    """Opens a path at a viewport size, collecting any CSP violation the console reports."""
    violations = []

    def collect(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", collect)

    def go(path, viewport):
        page.set_viewport_size(viewport)
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        return violations

    return go


def _assert_fits_and_is_accessible(page, axe_violations, csp_violations):
    assert not has_horizontal_scroll(page)
    assert axe_violations(page) == ""
    assert csp_violations == []


@VIEWPORTS
def test_the_national_home(page, visit, site, axe_violations, viewport):
    csp = visit("/", viewport)

    assert page.get_by_role("main").get_by_role("link", name="Thank an officer").is_visible()
    assert page.get_by_role("heading", name="National events").is_visible()
    assert page.get_by_role("link", name="Gwent Police").is_visible()
    _assert_fits_and_is_accessible(page, axe_violations, csp)


@VIEWPORTS
def test_a_hub_with_every_block(page, visit, site, axe_violations, viewport):
    csp = visit("/hertfordshire/", viewport)

    assert page.get_by_role("heading", level=1, name="Hertfordshire Constabulary").is_visible()
    assert page.get_by_role("link", name="Call 01632 960101").first.is_visible()
    assert page.get_by_role("link", name="Add every event to your calendar (.ics file)").is_visible()
    _assert_fits_and_is_accessible(page, axe_violations, csp)


def test_a_hubs_banner_takes_the_forces_accent_colour(page, visit, site):
    site.accent_colour = "#5a2d82"
    site.save_revision().publish()

    visit("/hertfordshire/", DESKTOP)

    banner = page.locator(".rpw-week-banner")
    assert banner.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(90, 45, 130)"


@VIEWPORTS
def test_a_case_study(page, visit, site, axe_violations, viewport):
    csp = visit("/hertfordshire/special-constable-daniel-cook/", viewport)

    assert page.get_by_role("heading", level=1, name="Special Constable Daniel Cook").is_visible()
    _assert_fits_and_is_accessible(page, axe_violations, csp)


@VIEWPORTS
def test_the_resource_library(page, visit, site, axe_violations, viewport):
    csp = visit("/resources/", viewport)

    assert page.get_by_role("heading", name="5 resources").is_visible()
    _assert_fits_and_is_accessible(page, axe_violations, csp)


def test_the_library_filters_work_without_javascript(browser, live_server, site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/resources/")

    page.get_by_label("Search").fill("compassion")
    page.get_by_label("Kind").select_option("toolkit")
    with page.expect_navigation():
        page.get_by_role("button", name="Show resources").click()

    assert "kind=toolkit" in page.url
    assert page.get_by_role("heading", name="1 resource").is_visible()
    assert page.get_by_role("link", name="Compassion toolkit").is_visible()
    context.close()
