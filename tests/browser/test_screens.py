"""Station screens in Chromium at a TV's size, against a server that really goes down and comes back.

The screens poll the real feed. `?poll=1` (honoured only with RECOGNITION_SCREEN_POLL_OVERRIDE,
which the `server` fixture turns on) makes them poll every second and back off to four, so a test
waits seconds, not minutes.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from recognition.api.answers import RELEASE_HEADER, release_id
from recognition.models import ForceRecognitionSettings, NationalWallSettings
from recognition.services import approve_message, reject_message
from wellbeing.models import EventKind

from ..factories import ForceEventFactory, MessageFactory, UserFactory
from .live_server_control import RestartableLiveServer

LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}
HATFIELD = "/screens/hertfordshire/hatfield/"
FAST = "?poll=1"
STORAGE_KEY = "rpw-screen:hertfordshire:hatfield"
POLL_TIMEOUT_MS = 15_000
XSS_BODY = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'
XSS_RECIPIENT = '<svg onload="window.__xss=1"></svg>'


@pytest.fixture
def server(transactional_db, settings):
    settings.RECOGNITION_SCREEN_POLL_OVERRIDE = True
    # The feed's answers and the wall version live in the cache; the flushed database must not
    # meet a previous test's copies.
    cache.clear()
    server = RestartableLiveServer()
    server.start()
    yield server
    server.stop()
    cache.clear()


@pytest.fixture
def hatfield(force_hub):
    return force_hub.stations.get(slug="hatfield")


@pytest.fixture
def approve(transactional_db):
    moderator = UserFactory(username="moderator", is_superuser=True, is_staff=True)

    def approve(force, station, body, *, recipient="PC 1234 and the Hatfield response team"):
        message = MessageFactory(force=force, station=station, recipient=recipient, body=body)
        return approve_message(message=message, user=moderator, override_flags=True)

    approve.moderator = moderator
    return approve


@pytest.fixture
def screen(page):
    page.set_viewport_size(LANDSCAPE)
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page


def shown_message(page):
    return page.locator("[data-stage] .screen-card__body")


def stored_wall(page) -> dict | None:
    return page.evaluate("key => JSON.parse(localStorage.getItem(key) || 'null')", STORAGE_KEY)


def wait_until(page, condition, timeout_ms=POLL_TIMEOUT_MS):
    waited = 0
    while not condition():
        assert waited < timeout_ms, "timed out"
        page.wait_for_timeout(100)
        waited += 100


def wait_for_a_successful_poll(page):
    page.wait_for_function(
        "key => { const s = JSON.parse(localStorage.getItem(key) || 'null'); return s && s.etag; }",
        arg=STORAGE_KEY,
        timeout=POLL_TIMEOUT_MS,
    )


def test_a_screen_keeps_its_messages_while_the_server_is_down_and_picks_up_new_ones(
    server, screen, force_hub, hatfield, approve
):
    approve(force_hub, hatfield, "Thank you for staying with my dad until the ambulance came.")

    screen.goto(server.url + HATFIELD + FAST)
    expect(shown_message(screen)).to_have_text("Thank you for staying with my dad until the ambulance came.")
    wait_for_a_successful_poll(screen)
    status = screen.locator("[data-status]")
    expect(status).to_be_hidden()

    server.stop()

    expect(status).to_have_text(re.compile(r"^Last updated \d\d:\d\d$"), timeout=POLL_TIMEOUT_MS)
    expect(shown_message(screen)).to_have_text("Thank you for staying with my dad until the ambulance came.")

    approve(force_hub, hatfield, "Thanks to the night shift at Hatfield for finding our dog.")
    screen.wait_for_timeout(3_000)  # a few failed polls
    expect(shown_message(screen)).to_have_text("Thank you for staying with my dad until the ambulance came.")

    server.start()

    expect(shown_message(screen)).to_have_text(
        "Thanks to the night shift at Hatfield for finding our dog.", timeout=POLL_TIMEOUT_MS
    )
    expect(status).to_be_hidden()
    assert screen.csp_violations == []


def test_a_rejected_message_leaves_the_screen_at_the_next_poll(server, screen, force_hub, hatfield, approve):
    approve(force_hub, hatfield, "Thank you to the officers who came so quickly.")
    regretted = approve(force_hub, hatfield, "A message a moderator will take back.")

    screen.goto(server.url + HATFIELD + FAST)
    expect(shown_message(screen)).to_have_text("A message a moderator will take back.")

    reject_message(message=regretted, user=approve.moderator, reason="other")

    expect(shown_message(screen)).to_have_text(
        "Thank you to the officers who came so quickly.", timeout=POLL_TIMEOUT_MS
    )


def test_an_approved_script_stays_inert_text_on_the_screen(server, screen, force_hub, hatfield, approve):
    approve(force_hub, hatfield, XSS_BODY, recipient=XSS_RECIPIENT)

    screen.goto(server.url + HATFIELD + FAST)
    # Rendered by the server...
    expect(shown_message(screen)).to_have_text(XSS_BODY)
    expect(screen.locator("[data-stage] .screen-card__recipient")).to_have_text(f"Thanks to: {XSS_RECIPIENT}")

    # ...and by the script, from the feed.
    second = XSS_BODY.replace("__xss=1", "__xss=2")
    approve(force_hub, hatfield, second, recipient=XSS_RECIPIENT)
    expect(shown_message(screen)).to_have_text(second, timeout=POLL_TIMEOUT_MS)
    expect(screen.locator("[data-stage] .screen-card__recipient")).to_have_text(f"Thanks to: {XSS_RECIPIENT}")

    assert screen.evaluate("window.__xss") is None
    assert screen.locator("main img").count() == 1  # the QR code, nothing else
    assert screen.locator("[data-stage] script, [data-stage] svg, [data-stage] img").count() == 0
    assert screen.csp_violations == []


def test_a_pause_replaces_the_messages_with_the_holding_message_within_one_poll(
    server, screen, force_hub, hatfield, approve
):
    approve(force_hub, hatfield, "Thank you for everything you do.")
    screen.goto(server.url + HATFIELD + FAST)
    expect(shown_message(screen)).to_have_text("Thank you for everything you do.")

    pause = ForceRecognitionSettings.objects.create(
        force=force_hub, paused=True, holding_message="Hertfordshire is remembering a colleague today."
    )
    expect(shown_message(screen)).to_have_text(
        "Hertfordshire is remembering a colleague today.", timeout=POLL_TIMEOUT_MS
    )

    pause.paused = False
    pause.save()
    expect(shown_message(screen)).to_have_text("Thank you for everything you do.", timeout=POLL_TIMEOUT_MS)

    national = NationalWallSettings.load()
    national.paused, national.holding_message = True, "Every wall is paused today."
    national.save()
    expect(shown_message(screen)).to_have_text("Every wall is paused today.", timeout=POLL_TIMEOUT_MS)


def test_after_a_day_without_the_server_the_screen_shows_a_calm_holding_card(
    server, screen, force_hub, hatfield, approve
):
    approve(force_hub, hatfield, "Thank you for everything you do.")
    screen.clock.install()
    screen.goto(server.url + HATFIELD + FAST)
    wait_for_a_successful_poll(screen)

    server.stop()
    screen.clock.fast_forward("23:00:00")
    expect(shown_message(screen)).to_have_text("Thank you for everything you do.")
    screen.clock.fast_forward("02:00:00")

    expect(shown_message(screen)).to_have_text("Messages of thanks will be back soon.")
    expect(screen.locator("[data-status]")).to_be_hidden()


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_screen_is_legible_fits_and_passes_axe(
    server, screen, force_hub, hatfield, approve, axe_violations, viewport
):
    now = timezone.now()
    ForceEventFactory(
        page=force_hub,
        station=hatfield,
        kind=EventKind.DOG_VISIT,
        title="Therapy dogs in the canteen",
        starts_at=now,
        ends_at=now + timedelta(hours=1),
    )
    approve(
        force_hub, hatfield, "Thank you for staying with my dad until the ambulance came. You were so kind."
    )
    screen.set_viewport_size(viewport)

    screen.goto(server.url + HATFIELD)

    expect(shown_message(screen)).to_be_visible()
    expect(screen.get_by_role("heading", level=1)).to_have_text("Hertfordshire Constabulary")
    expect(screen.get_by_role("img", name=re.compile("QR code"))).to_be_in_viewport(ratio=1)
    expect(screen.get_by_text("Therapy dogs in the canteen")).to_be_in_viewport(ratio=1)
    font_size = screen.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('[data-stage] .screen-card__body')).fontSize)"
    )
    assert font_size >= 56  # legible from across a room on a 1080p TV
    assert screen.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert screen.evaluate("document.documentElement.scrollHeight <= innerHeight")
    assert axe_violations(screen) == ""
    assert screen.csp_violations == []


def test_reduced_motion_turns_the_transition_off(server, screen, force_hub, hatfield, approve):
    approve(force_hub, hatfield, "The first thank-you.")
    approve(force_hub, hatfield, "The second thank-you.")
    screen.emulate_media(reduced_motion="reduce")
    screen.clock.install()

    screen.goto(server.url + HATFIELD)
    expect(shown_message(screen)).to_have_text("The second thank-you.")
    card = screen.locator("[data-stage] > .screen-card")
    assert card.evaluate("card => getComputedStyle(card).transitionDuration") == "0s"
    assert card.evaluate("card => getComputedStyle(card).animationName") == "none"

    screen.clock.run_for(12_050)

    # The next message is there at once: no fade was started.
    expect(shown_message(screen)).to_have_text("The first thank-you.")
    assert screen.locator(".is-leaving, .is-entering").count() == 0


def test_without_reduced_motion_messages_fade_calmly(server, screen, force_hub, hatfield, approve):
    approve(force_hub, hatfield, "The first thank-you.")
    approve(force_hub, hatfield, "The second thank-you.")
    screen.emulate_media(reduced_motion="no-preference")

    screen.goto(server.url + HATFIELD)

    card = screen.locator("[data-stage] > .screen-card")
    assert card.evaluate("card => getComputedStyle(card).transitionDuration") == "0.8s"


def test_todays_events_are_refreshed_without_reloading_the_page(server, screen, force_hub, hatfield, approve):
    approve(force_hub, hatfield, "Thank you for everything you do.")
    screen.clock.install()
    screen.goto(server.url + HATFIELD)
    expect(screen.get_by_text("No wellbeing events here today.")).to_be_visible()

    now = timezone.now()
    ForceEventFactory(
        page=force_hub,
        station=hatfield,
        kind=EventKind.VAN_VISIT,
        title="The wellbeing van is in the yard",
        starts_at=now,
        ends_at=now + timedelta(hours=1),
    )
    screen.clock.fast_forward("00:31:00")

    expect(screen.get_by_text("The wellbeing van is in the yard")).to_be_visible()
    expect(shown_message(screen)).to_have_text("Thank you for everything you do.")


def test_a_screen_reopened_while_the_server_is_down_shows_the_last_messages(
    server, screen, force_hub, hatfield, approve
):
    approve(force_hub, hatfield, "Thank you for staying with my dad until the ambulance came.")
    screen.goto(server.url + HATFIELD + FAST)
    screen.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=POLL_TIMEOUT_MS)
    screen.wait_for_function("() => caches.match(location.href).then(Boolean)", timeout=POLL_TIMEOUT_MS)
    # Approved after the page was kept: only the script's stored copy has it.
    approve(force_hub, hatfield, "Thanks to the night shift at Hatfield for finding our dog.")
    expect(shown_message(screen)).to_have_text(
        "Thanks to the night shift at Hatfield for finding our dog.", timeout=POLL_TIMEOUT_MS
    )

    server.stop()
    screen.reload()

    expect(shown_message(screen)).to_have_text("Thanks to the night shift at Hatfield for finding our dog.")
    expect(screen.locator("[data-status]")).to_have_text(
        re.compile(r"^Last updated \d\d:\d\d$"), timeout=POLL_TIMEOUT_MS
    )

    server.start()
    expect(screen.locator("[data-status]")).to_be_hidden(timeout=POLL_TIMEOUT_MS)


FEED_REQUEST = re.compile(r"/api/v1/messages/")
WRONG_SHAPES = {
    "an empty object": ("application/json", "{}"),
    "results that are no list": ("application/json", '{"results": "x", "next": null, "paused": null}'),
    "messages without their words": (
        "application/json",
        '{"results": [{"id": 1}], "next": null, "paused": null}',
    ),
    "a list": ("application/json", "[]"),
    "null": ("application/json", "null"),
    "a captive portal's page": (
        "text/html",
        "<!DOCTYPE html><title>Guest Wi-Fi</title><p>Sign in to continue</p>",
    ),
}


# The feed's polls are answered by the page's network layer: no service worker in between.
@pytest.mark.browser_context_args(service_workers="block")
@pytest.mark.parametrize(("content_type", "body"), WRONG_SHAPES.values(), ids=WRONG_SHAPES.keys())
def test_an_answer_of_the_wrong_shape_leaves_the_last_messages_shown_and_stored(
    server, screen, force_hub, hatfield, approve, content_type, body
):
    approve(force_hub, hatfield, "Thank you for staying with my dad until the ambulance came.")
    screen.goto(server.url + HATFIELD + FAST)
    wait_for_a_successful_poll(screen)
    stored = stored_wall(screen)["messages"]
    answered = []

    def wrong_answer(route):
        answered.append(route.request.url)
        route.fulfill(status=200, content_type=content_type, body=body)

    screen.route(FEED_REQUEST, wrong_answer)
    wait_until(screen, lambda: len(answered) >= 2)

    expect(shown_message(screen)).to_have_text("Thank you for staying with my dad until the ambulance came.")
    expect(screen.locator("[data-status]")).to_have_text(re.compile(r"^Last updated \d\d:\d\d$"))
    assert stored_wall(screen)["messages"] == stored
    assert [message["message"] for message in stored] == [
        "Thank you for staying with my dad until the ambulance came."
    ]

    screen.unroute(FEED_REQUEST)
    expect(screen.locator("[data-status]")).to_be_hidden(timeout=POLL_TIMEOUT_MS)
    assert screen.csp_violations == []


@pytest.mark.browser_context_args(service_workers="block")
def test_a_screen_reloads_itself_when_the_site_is_deployed_anew_keeping_its_wall(
    server, screen, force_hub, hatfield, approve, settings
):
    settings.RELEASE = "build-1"
    approve(force_hub, hatfield, "Thank you for staying with my dad until the ambulance came.")
    screen.goto(server.url + HATFIELD + FAST)
    wait_for_a_successful_poll(screen)
    expect(screen.locator("#screen")).to_have_attribute("data-release", release_id())
    screen.evaluate("window.__loadedBeforeTheDeploy = true")

    with screen.expect_navigation(timeout=POLL_TIMEOUT_MS):
        settings.RELEASE = "build-2"

    expect(screen.locator("#screen")).to_have_attribute("data-release", release_id())
    assert screen.evaluate("window.__loadedBeforeTheDeploy") is None
    expect(shown_message(screen)).to_have_text("Thank you for staying with my dad until the ambulance came.")
    assert [message["message"] for message in stored_wall(screen)["messages"]] == [
        "Thank you for staying with my dad until the ambulance came."
    ]
    # The new page is of the new release: it stays.
    screen.evaluate("window.__loadedAfterTheDeploy = true")
    screen.wait_for_timeout(3_000)
    assert screen.evaluate("window.__loadedAfterTheDeploy") is True


@pytest.mark.browser_context_args(service_workers="block")
def test_during_a_rolling_deploy_a_screen_reloads_once_not_in_a_loop(
    server, screen, force_hub, hatfield, approve
):
    approve(force_hub, hatfield, "Thank you for everything you do.")
    navigations = []
    screen.on(
        "framenavigated", lambda frame: navigations.append(frame.url) if frame == screen.main_frame else None
    )

    def from_a_newer_node(route):
        # The page keeps coming from an old node while its polls reach a new one.
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, RELEASE_HEADER.lower(): "newer"})

    screen.route(FEED_REQUEST, from_a_newer_node)
    screen.goto(server.url + HATFIELD + FAST)
    wait_until(screen, lambda: len(navigations) >= 2)
    screen.wait_for_timeout(4_000)  # several more polls, each naming the newer release

    assert len(navigations) == 2  # the first load, and one reload
    expect(shown_message(screen)).to_have_text("Thank you for everything you do.")


# ---- today's events, a page at a time (their layout at each size: test_screen_layout.py) ----

LONG_EVENT_TITLES = [
    f"Event {number}: the wellbeing van is in the yard with free health checks and a quiet place to talk "
    "to a trained peer supporter"
    for number in range(1, 7)
]


def add_events_today(force_hub, station, titles):
    now = timezone.now()
    for number, title in enumerate(titles):
        ForceEventFactory(
            page=force_hub,
            station=station,
            title=title,
            starts_at=now - timedelta(minutes=60 - number),
            ends_at=now + timedelta(hours=2),
        )


def events_page(page):
    return page.locator("[data-events-page]")


def pause_the_clock(page):
    """From here on the page's time moves only when the test runs it on (a second from now)."""
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # Playwright's numbers are seconds


def run_the_clock_until(page, condition, step_ms=50, timeout_ms=20_000):
    ran = 0
    while not condition():
        assert ran < timeout_ms, "it never happened"
        page.clock.run_for(step_ms)
        ran += step_ms


def shown_event_titles(page) -> list[str]:
    return page.locator("[data-event]:not([hidden]) .screen__event-title").all_text_contents()


def test_with_reduced_motion_the_events_still_turn_their_pages_at_once(
    server, screen, force_hub, hatfield, approve
):
    approve(force_hub, hatfield, "Thank you for everything you do.")
    add_events_today(force_hub, hatfield, LONG_EVENT_TITLES)
    screen.emulate_media(reduced_motion="reduce")
    screen.clock.install()
    screen.goto(server.url + HATFIELD)
    expect(events_page(screen)).to_have_text(re.compile(r"^1 of [2-9]$"))
    first_page = shown_event_titles(screen)
    event_list = screen.locator("[data-event-list]")
    assert event_list.evaluate("list => getComputedStyle(list).transitionDuration") == "0s"
    pause_the_clock(screen)

    run_the_clock_until(screen, lambda: events_page(screen).text_content().startswith("2 of "))

    # The next page is there at once: no fade was started.
    assert shown_event_titles(screen)[0] == LONG_EVENT_TITLES[len(first_page)]
    assert screen.locator(".is-turning").count() == 0


def test_without_reduced_motion_the_events_pages_fade_over(server, screen, force_hub, hatfield, approve):
    approve(force_hub, hatfield, "Thank you for everything you do.")
    add_events_today(force_hub, hatfield, LONG_EVENT_TITLES)
    screen.emulate_media(reduced_motion="no-preference")
    screen.clock.install()
    screen.goto(server.url + HATFIELD)
    expect(events_page(screen)).to_have_text(re.compile(r"^1 of [2-9]$"))
    event_list = screen.locator("[data-event-list]")
    assert event_list.evaluate("list => getComputedStyle(list).transitionDuration") == "0.4s"
    pause_the_clock(screen)

    def turning():
        return "is-turning" in event_list.get_attribute("class")

    run_the_clock_until(screen, turning)
    assert events_page(screen).text_content().startswith("1 of ")  # the first page fades out...
    run_the_clock_until(screen, lambda: not turning())
    assert events_page(screen).text_content().startswith("2 of ")  # ...and the second fades in


def test_refreshed_events_are_paged_and_the_qr_code_steps_aside_for_them(
    server, screen, force_hub, hatfield, approve
):
    approve(force_hub, hatfield, "Thank you for everything you do.")
    screen.clock.install()
    screen.goto(server.url + HATFIELD)
    expect(screen.get_by_text("No wellbeing events here today.")).to_be_visible()
    aside = screen.locator(".screen__aside")
    expect(aside).not_to_have_class(re.compile("with-events"))

    add_events_today(force_hub, hatfield, LONG_EVENT_TITLES)
    screen.clock.fast_forward("00:31:00")

    expect(aside).to_have_class(re.compile(r"\bscreen__aside--with-events\b"))
    expect(events_page(screen)).to_have_text(re.compile(r"^1 of [2-9]$"))
    assert shown_event_titles(screen)[0] == LONG_EVENT_TITLES[0]
    assert screen.evaluate("document.querySelector('[data-event-list]').scrollHeight") <= screen.evaluate(
        "document.querySelector('[data-event-list]').clientHeight"
    )
    expect(shown_message(screen)).to_have_text("Thank you for everything you do.")
