"""The station screen's layout at a TV's sizes, landscape and portrait: every panel holds what it
shows, nothing is covered or wider than the screen, and today's events are all shown, a page of
whole events at a time, however many there are and however long their titles.

The page's clock (Playwright's fake timers) turns the events' pages, so no test waits for them.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from recognition.services import approve_message
from wellbeing.models import EventKind

from ..factories import ForceEventFactory, MessageFactory, UserFactory
from .live_server_control import RestartableLiveServer

HATFIELD = "/screens/hertfordshire/hatfield/"
SIZES = {
    "1920x1080": {"width": 1920, "height": 1080},
    "1280x720": {"width": 1280, "height": 720},
    "1080x1920": {"width": 1080, "height": 1920},
    "720x1280": {"width": 720, "height": 1280},
}
LONG_TITLES = [
    "Therapy dogs Bramble and Pickle visit the canteen and the parade room for a cuddle and a chat with "
    "anyone who needs one",
    "The wellbeing van is in the yard: free health checks, blood pressure tests and a quiet place to "
    "talk to a trained peer supporter",
    "Fatigue and shift work: a short talk by occupational health on sleeping well after nights, with "
    "time for questions at the end",
    "Tea and cake with the chief superintendent in the briefing room, all shifts welcome, no "
    "appointment needed, bring a colleague",
    "Mindfulness in ten minutes: a guided session for response officers between calls, in the quiet "
    "room on the first floor",
    "Oscar Kilo peer support drop-in: talk in confidence to someone who has been there, any time this "
    "afternoon until the late shift",
]
THANKS = "Thank you for staying with my dad until the ambulance came. You were so kind."
PAGE_STEP_MS = 500
MAX_PAGE_WAIT_MS = 30_000

# Everything the screen lays out: each must hold its content without clipping it.
PANELS = [
    ".screen__header",
    ".screen__messages",
    "[data-stage]",
    "[data-stage] > .screen-card",
    ".screen__aside",
    ".screen__qr",
    ".screen__events",
    ".screen__event-list",
]

# Returns a list of what is wrong with the layout as it is now, empty when nothing is.
LAYOUT_PROBLEMS = """
panels => {
  const problems = [];
  const visible = element => element.getClientRects().length > 0;
  const box = element => element.getBoundingClientRect();
  const inside = (inner, outer) =>
    inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5 &&
    inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5;
  const name = element => element.className || element.tagName;
  const viewport = { top: 0, left: 0, bottom: innerHeight, right: innerWidth };

  if (document.documentElement.scrollWidth > innerWidth) {
    problems.push(`the page is ${document.documentElement.scrollWidth}px wide in ${innerWidth}px`);
  }
  for (const selector of panels) {
    for (const panel of document.querySelectorAll(selector)) {
      if (!visible(panel)) continue;
      if (panel.scrollHeight > panel.clientHeight) {
        problems.push(`${selector} clips: ${panel.scrollHeight}px of content in ${panel.clientHeight}px`);
      }
      if (panel.scrollWidth > panel.clientWidth) {
        problems.push(`${selector} clips: ${panel.scrollWidth}px wide in ${panel.clientWidth}px`);
      }
      if (!inside(box(panel), viewport)) problems.push(`${selector} is not all on the screen`);
    }
  }
  const section = document.querySelector(".screen__events");
  const list = document.querySelector(".screen__event-list");
  const eventsParts = ".screen__event, .screen__events-page, .screen__event-none";
  for (const element of document.querySelectorAll(eventsParts)) {
    if (!visible(element)) continue;
    const within = list && list.contains(element) ? list : section;
    if (!inside(box(element), box(section)) || !inside(box(element), box(within))) {
      problems.push(`${name(element)} "${element.textContent.trim()}" sticks out of the events panel`);
    }
  }
  const shown = [
    ...document.querySelectorAll("[data-stage] > .screen-card, .screen__qr-code, .screen__event"),
  ].filter(visible);
  for (const element of shown) {
    const { left, top, width, height } = box(element);
    const hit = document.elementFromPoint(left + width / 2, top + height / 2);
    if (!hit || !(hit === element || element.contains(hit))) {
      problems.push(`${name(element)} is covered at its centre by ${hit ? name(hit) : "nothing"}`);
    }
  }
  return problems;
}
"""


@pytest.fixture
def server(transactional_db, settings):
    settings.RECOGNITION_SCREEN_POLL_OVERRIDE = True
    cache.clear()  # the feed's answers live there; the flushed database must not meet old ones
    server = RestartableLiveServer()
    server.start()
    yield server
    server.stop()
    cache.clear()


@pytest.fixture
def hatfield(force_hub):
    return force_hub.stations.get(slug="hatfield")


@pytest.fixture
def thanked(transactional_db, force_hub, hatfield):
    moderator = UserFactory(username="moderator", is_superuser=True, is_staff=True)
    message = MessageFactory(
        force=force_hub, station=hatfield, recipient="PC 1234 and the Hatfield response team", body=THANKS
    )
    return approve_message(message=message, user=moderator, override_flags=True)


def events_today(force_hub, station, titles):
    """Events going on now, so they are today's whatever the hour (the screen lists events that
    overlap the day, so these stay listed should the test straddle midnight)."""
    now = timezone.now()
    return [
        ForceEventFactory(
            page=force_hub,
            station=station,
            kind=EventKind.DOG_VISIT if number % 2 else EventKind.VAN_VISIT,
            title=title,
            starts_at=now - timedelta(minutes=60 - number),
            ends_at=now + timedelta(hours=2),
        )
        for number, title in enumerate(titles)
    ]


def open_screen(page, server, viewport):
    page.set_viewport_size(viewport)
    page.clock.install()
    page.goto(server.url + HATFIELD)
    expect(page.locator("[data-stage] .screen-card__body")).to_have_text(THANKS)


def pause_the_clock(page):
    """From here on the page's time moves only when the test runs it on (a second from now).
    Not before running axe: it waits on timers of its own."""
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # Playwright's numbers are seconds


def layout_problems(page) -> list[str]:
    return page.evaluate(LAYOUT_PROBLEMS, PANELS)


def shown_titles(page) -> list[str]:
    return page.eval_on_selector_all(
        ".screen__event",
        "events => events.filter(event => event.getClientRects().length)"
        ".map(event => event.querySelector('.screen__event-title').textContent)",
    )


def turn_the_page(page, indicator: str) -> str:
    """Runs the page's clock until the events show their next page; returns its indicator."""
    waited = 0
    while (now := page.locator(".screen__events-page").text_content()) == indicator:
        assert waited < MAX_PAGE_WAIT_MS, f"the events stayed on {indicator}"
        page.clock.run_for(PAGE_STEP_MS)
        waited += PAGE_STEP_MS
    return now


@pytest.mark.parametrize("viewport", SIZES.values(), ids=SIZES.keys())
def test_every_one_of_todays_events_is_shown_whole_a_page_at_a_time(
    server, page, force_hub, hatfield, thanked, axe_violations, viewport
):
    events_today(force_hub, hatfield, LONG_TITLES)
    open_screen(page, server, viewport)

    assert layout_problems(page) == []
    indicator = page.locator(".screen__events-page")
    expect(indicator).to_have_text(re.compile(r"^1 of \d+$"))
    pages = int(indicator.text_content().split()[-1])
    assert pages > 1  # six long titles do not fit at once at any of these sizes
    assert axe_violations(page) == ""
    pause_the_clock(page)

    seen, text = [], indicator.text_content()
    for number in range(1, pages + 1):
        assert text == f"{number} of {pages}"
        titles = shown_titles(page)
        assert titles, f"page {text} shows no event"
        assert layout_problems(page) == [], f"on page {text}"
        seen += titles
        text = turn_the_page(page, text)

    assert text == f"1 of {pages}"  # round again
    assert seen == LONG_TITLES  # each once, in the order of the day


@pytest.mark.parametrize("viewport", SIZES.values(), ids=SIZES.keys())
def test_one_event_is_shown_whole_without_pages(server, page, force_hub, hatfield, thanked, viewport):
    events_today(force_hub, hatfield, LONG_TITLES[:1])
    open_screen(page, server, viewport)

    assert layout_problems(page) == []
    assert shown_titles(page) == LONG_TITLES[:1]
    expect(page.locator(".screen__events-page")).to_be_hidden()
    page.clock.run_for(20_000)
    assert shown_titles(page) == LONG_TITLES[:1]


@pytest.mark.parametrize("viewport", SIZES.values(), ids=SIZES.keys())
def test_without_events_the_panel_says_so_and_the_qr_code_has_the_room(
    server, page, force_hub, hatfield, thanked, axe_violations, viewport
):
    open_screen(page, server, viewport)

    expect(page.get_by_text("No wellbeing events here today.")).to_be_in_viewport(ratio=1)
    assert layout_problems(page) == []
    assert axe_violations(page) == ""


def test_a_force_screen_pages_the_events_of_all_its_stations(server, page, force_hub, thanked):
    welwyn = force_hub.stations.get(slug="welwyn-garden-city")
    events_today(force_hub, welwyn, LONG_TITLES[:3])
    events_today(force_hub, force_hub.stations.get(slug="hatfield"), LONG_TITLES[3:])
    page.set_viewport_size(SIZES["1280x720"])
    page.clock.install()
    page.goto(server.url + "/screens/hertfordshire/")
    pause_the_clock(page)

    indicator = page.locator(".screen__events-page")
    expect(indicator).to_have_text(re.compile(r"^1 of \d+$"))
    seen, text = [], indicator.text_content()
    for _ in range(int(text.split()[-1])):
        assert layout_problems(page) == [], f"on page {text}"
        seen += shown_titles(page)
        text = turn_the_page(page, text)
    assert sorted(seen) == sorted(LONG_TITLES)
    # A force's screen names each event's station.
    assert sorted(page.locator(".screen__event-meta").all_text_contents()) == sorted(
        f"{kind} · {station}"
        for station in ("Hatfield", "Welwyn Garden City")
        for kind in ("Wellbeing van visit", "Wellbeing dog visit", "Wellbeing van visit")
    )


def test_resizing_the_window_lays_the_pages_out_anew(server, page, force_hub, hatfield, thanked):
    events_today(force_hub, hatfield, LONG_TITLES)
    open_screen(page, server, SIZES["1080x1920"])
    indicator = page.locator(".screen__events-page")
    expect(indicator).to_have_text(re.compile(r"^1 of \d+$"))
    portrait_pages = indicator.text_content()

    page.set_viewport_size(SIZES["1280x720"])
    page.clock.run_for(1_000)  # the layout waits for the resizing to settle

    expect(indicator).not_to_have_text(portrait_pages)
    assert layout_problems(page) == []


LONGEST = (
    "I wanted to say thank you to the officers who came when my dad went missing in the night. "
    "He has dementia and had walked out in his slippers, and we were frantic. You were calm, kind "
    "and so quick, you kept me talking while others searched the lanes and the fields behind the "
    "estate, and when you found him by the old bridge you wrapped him in a blanket and sat with him "
    "until the ambulance came. One of you even rang me the next day to ask how he was doing. "
)
LONGEST = (LONGEST * 3)[:1000]


@pytest.mark.parametrize("viewport", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("with_events", [False, True], ids=["no-events", "events"])
def test_a_message_of_the_longest_allowed_length_is_shown_whole(
    server, page, force_hub, hatfield, viewport, with_events
):
    moderator = UserFactory(username="moderator", is_superuser=True, is_staff=True)
    message = MessageFactory(force=force_hub, station=hatfield, recipient="The night shift", body=LONGEST)
    approve_message(message=message, user=moderator, override_flags=True)
    if with_events:
        events_today(
            force_hub, hatfield, [f"Wellbeing dog visit with Bramble, session {n}" for n in range(3)]
        )

    page.set_viewport_size(viewport)
    page.goto(server.url + HATFIELD)
    expect(page.locator("[data-stage] .screen-card__body")).to_have_text(LONGEST.strip())

    assert layout_problems(page) == []
    size = page.eval_on_selector(
        "[data-stage] .screen-card__body", "e => parseFloat(getComputedStyle(e).fontSize)"
    )
    assert size >= 14
