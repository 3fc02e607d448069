"""The wall of thanks in Chromium at a phone's width: it fits, axe finds nothing, its filters are
plain links, and a hostile message stays inert text."""

import pytest
from django.core.cache import cache

from recognition.services import approve_message
from tests.factories import MessageFactory, UserFactory

from .conftest import DESKTOP, PHONE, has_horizontal_scroll

XSS_BODY = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script> Thank you!'
XSS_RECIPIENT = '<svg onload="window.__xss=1"></svg>PC <b>Bold</b>'
LONG_WORD = "Thankyou" * 30


@pytest.fixture
def fresh_cache():
    # The wall's answers live in the cache; the live server's flushed database must not meet a
    # previous test's copies.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def approve(transactional_db):
    moderator = UserFactory(username="wall-moderator", is_superuser=True)

    def approve(force, **fields):
        message = MessageFactory(force=force, **fields)
        return approve_message(message=message, user=moderator, override_flags=True)

    return approve


@pytest.fixture
def wall(fresh_cache, force_hub, other_force_hub, approve):
    hatfield = force_hub.stations.get(slug="hatfield")
    approve(force_hub, station=hatfield, recipient="PC 1234 and the Hatfield team", from_name="Sam")
    approve(force_hub, recipient="Response team B", body=f"A very long word: {LONG_WORD}", from_name="")
    approve(other_force_hub, recipient="PC 42", from_name="Gwen")
    return force_hub


@pytest.mark.parametrize("path", ["/thanks/", "/thanks/hertfordshire/?station=hatfield", "/cy/thanks/gwent/"])
def test_the_wall_on_a_phone_fits_and_passes_axe(live_server, page, wall, axe_violations, path):
    csp_violations = []
    page.on(
        "console", lambda m: csp_violations.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + path)

    assert page.locator(".rpw-card").count() >= 1
    assert page.get_by_role("button", name="Thank an officer").is_visible() or path.startswith("/cy/")
    assert not has_horizontal_scroll(page)
    assert axe_violations(page) == ""
    assert csp_violations == []


def test_the_call_to_action_stays_in_reach_while_scrolling(live_server, page, wall, approve):
    for n in range(12):
        approve(wall, recipient=f"PC {n}")
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/thanks/hertfordshire/")

    page.mouse.wheel(0, 3000)
    page.wait_for_function("window.scrollY > 1000")

    cta = page.get_by_role("button", name="Thank an officer")
    assert cta.is_visible()
    box = cta.bounding_box()
    assert 0 <= box["y"] < PHONE["height"]
    assert cta.get_attribute("href") == "/thanks/new/?force=hertfordshire"


def test_filters_are_plain_links_that_work_without_javascript(live_server, browser, wall):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/thanks/")

    page.get_by_text("Choose a force").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Hertfordshire Constabulary").click()
    assert page.url.endswith("/thanks/hertfordshire/")
    assert page.locator(".rpw-card").count() == 2

    with page.expect_navigation():
        page.get_by_role("link", name="Hatfield").click()
    assert page.url.endswith("/thanks/hertfordshire/?station=hatfield")
    assert page.locator(".rpw-card").count() == 1
    context.close()


def test_a_hostile_message_stays_inert_text(
    live_server, page, fresh_cache, force_hub, approve, axe_violations
):
    approve(force_hub, recipient=XSS_RECIPIENT, body=XSS_BODY, from_name="<i>Eve</i>")
    page.set_viewport_size(DESKTOP)

    page.goto(live_server.url + "/thanks/hertfordshire/")
    page.wait_for_load_state("load")

    card = page.locator(".rpw-card")
    assert XSS_BODY in card.locator(".rpw-card__message").inner_text()
    assert "Thanks to: " + XSS_RECIPIENT in card.locator(".rpw-card__recipient").inner_text()
    assert "From <i>Eve</i>" in card.inner_text()
    assert card.locator("img, script, svg, b, i").count() == 0
    assert page.evaluate("window.__xss") is None
    assert axe_violations(page) == ""
