"""The wall of thanks in Chromium at a phone's width and wider: it fits, axe finds nothing, its
filters are plain links, cards wear their force's colour, the search works, a message's own page
copies its link, and a hostile message stays inert text."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from home.models import ForceHubPage
from recognition.models import Message
from recognition.services import approve_message, reject_message
from tests.factories import ImageFactory, MessageFactory, UserFactory

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
        page.locator(".rpw-filter-list").get_by_role("link", name="Hertfordshire Constabulary").click()
    assert page.url.endswith("/thanks/hertfordshire/")
    assert page.locator(".rpw-card").count() == 2

    with page.expect_navigation():
        page.get_by_role("link", name="Hatfield", exact=True).click()
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


# ---- force colours and crests, search, and a message's own page ----

WIDTHS = pytest.mark.parametrize("width", [360, 1280, 1920], ids=["360px", "1280px", "1920px"])
HERTS_COLOUR, GWENT_COLOUR = "#5a1e6e", "#00573f"

# For every card: its force band's background and text, and whether the element at the card's
# centre (scrolled to the middle of the screen, clear of the sticky button) is the card or in it.
CARDS = """() => [...document.querySelectorAll('.rpw-card')].map(card => {
  card.scrollIntoView({block: 'center'});
  const box = card.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  const band = card.querySelector('.rpw-card__force');
  return {
    background: getComputedStyle(band).backgroundColor,
    colour: getComputedStyle(band).color,
    force: band.innerText.trim(),
    centreInside: card.contains(hit),
  };
})"""


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


@pytest.fixture
def coloured_wall(wall, force_hub, other_force_hub):
    ForceHubPage.objects.filter(pk=force_hub.pk).update(
        accent_colour=HERTS_COLOUR, logo=ImageFactory(), logo_alt_text="The Hertfordshire Constabulary crest"
    )
    ForceHubPage.objects.filter(pk=other_force_hub.pk).update(accent_colour=GWENT_COLOUR)
    cache.clear()  # the wall's answers were rendered before the colours and the crest
    return wall


@pytest.fixture
def csp_violations(page):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    return violations


@WIDTHS
@pytest.mark.parametrize("path", ["/thanks/", "/cy/thanks/"], ids=["english", "welsh"])
def test_cards_wear_their_forces_colour_and_name_at_every_width(
    live_server, page, coloured_wall, axe_violations, csp_violations, width, path
):
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(live_server.url + path)

    cards = page.evaluate(CARDS)
    assert len(cards) == 3
    herts = [card for card in cards if card["force"].startswith("Hertfordshire Constabulary")]
    gwent = [
        card
        for card in cards
        if card["force"].startswith("Gwent Police" if path == "/thanks/" else "Heddlu Gwent")
    ]
    assert len(herts) == 2 and len(gwent) == 1
    assert {card["background"] for card in herts} == {rgb(HERTS_COLOUR)}
    assert gwent[0]["background"] == rgb(GWENT_COLOUR)
    assert {card["colour"] for card in cards} == {"rgb(255, 255, 255)"}
    assert all(card["centreInside"] for card in cards)
    assert page.locator(".rpw-card__crest").count() == 2
    assert page.locator(".rpw-week__number").inner_text() == "3"
    assert not has_horizontal_scroll(page)
    report = axe_violations(page)
    assert report == "", report
    assert csp_violations == []


def test_the_search_finds_a_station_and_keeps_what_was_typed(live_server, page, wall):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/thanks/")

    page.get_by_label("Search by force or station").fill("hatfield")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()

    assert page.url.endswith("/thanks/?q=hatfield")
    assert page.locator(".rpw-card").count() == 1
    assert "PC 1234 and the Hatfield team" in page.locator(".rpw-card").inner_text()
    assert page.get_by_label("Search by force or station").input_value() == "hatfield"
    assert not has_horizontal_scroll(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Clear the search").click()
    assert page.locator(".rpw-card").count() == 3


def test_a_search_too_long_is_an_accessible_error(live_server, page, wall, axe_violations):
    page.set_viewport_size(PHONE)

    response = page.goto(live_server.url + "/thanks/?q=" + "x" * 101)

    assert response.status == 400
    assert (
        page.get_by_role("alert").get_by_role("link").inner_text().startswith("Enter a force or station name")
    )
    assert page.title().startswith("Error:")
    assert not has_horizontal_scroll(page)
    assert axe_violations(page) == ""


def _share_path(page, live_server) -> str:
    page.goto(live_server.url + "/thanks/hertfordshire/?station=hatfield")
    return page.locator(".rpw-card__share").first.get_attribute("href")


@WIDTHS
def test_a_messages_own_page_fits_passes_axe_and_copies_its_link(
    live_server, page, coloured_wall, axe_violations, csp_violations, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    path = _share_path(page, live_server)

    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert page.get_by_role("heading", level=1).inner_text() == "Thanks to: PC 1234 and the Hatfield team"
    band = page.locator(".rpw-card--single .rpw-card__force")
    assert band.evaluate("element => getComputedStyle(element).backgroundColor") == rgb(HERTS_COLOUR)
    assert "Hertfordshire Constabulary, Hatfield" in band.inner_text()
    link = page.get_by_label("Link to this message")
    assert link.input_value() == f"http://testserver{path}"

    page.get_by_role("button", name="Copy link").click()

    expect(page.get_by_role("status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"http://testserver{path}"
    assert not has_horizontal_scroll(page)
    assert axe_violations(page) == ""
    assert csp_violations == []


def test_without_javascript_the_share_page_offers_the_link_and_no_dead_buttons(live_server, browser, wall):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    path = _share_path(page, live_server)

    page.goto(live_server.url + path)

    assert page.get_by_label("Link to this message").input_value() == f"http://testserver{path}"
    assert page.get_by_role("button", name="Copy link").count() == 0  # hidden until the script runs
    assert not has_horizontal_scroll(page)
    context.close()


def test_a_message_taken_down_leaves_its_page(live_server, page, wall):
    page.set_viewport_size(PHONE)
    path = _share_path(page, live_server)
    assert page.goto(live_server.url + path).status == 200

    message = Message.objects.get(pk=int(path.rstrip("/").rsplit("/", 1)[1]))
    reject_message(message=message, user=UserFactory(is_superuser=True), reason="other")

    # The browser may keep its copy for the few seconds of max-age; the server answers 404 at once.
    assert page.request.get(live_server.url + path).status == 404
