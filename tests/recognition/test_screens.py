"""Station screens, server side: what the page is rendered with before its script takes over."""

import re
from datetime import datetime, time, timedelta
from html import unescape
from urllib.parse import unquote
from xml.etree import ElementTree

import pytest
import segno
from django.utils import timezone

from recognition.api.query import DEFAULT_PAGE_SIZE
from recognition.models import ForceRecognitionSettings, MessageStatus, NationalWallSettings
from recognition.views.screens import qr_code_data_uri

from ..factories import ForceEventFactory, ImageFactory, MessageFactory, StationFactory

HATFIELD = "/screens/hertfordshire/hatfield/"
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def national_settings(db):
    """The national settings row, as it exists on a running site (the first read creates it)."""
    return NationalWallSettings.load()


def make_message(force, station=None, *, status=MessageStatus.APPROVED, **fields):
    if status == MessageStatus.APPROVED:
        return MessageFactory(force=force, station=station, published=True, **fields)
    return MessageFactory(force=force, station=station, status=status, **fields)


def make_event(force, station, *, day_offset=0, starts=time(10), hours=2, title="Wellbeing van visit"):
    day = timezone.localdate() + timedelta(days=day_offset)
    starts_at = timezone.make_aware(datetime.combine(day, starts))
    return ForceEventFactory(
        page=force,
        station=station,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
    )


def station(hub, slug):
    return hub.stations.get(slug=slug)


def page_html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def shown_bodies(html: str) -> list[str]:
    return [
        unescape(body) for body in re.findall(r'<p class="screen-card__body" data-body>(.*?)</p>', html, re.S)
    ]


def data_attribute(html: str, name: str) -> str:
    match = re.search(rf'\sdata-{name}="([^"]*)"', html)
    assert match, f"no data-{name} attribute"
    return unescape(match.group(1))


def qr_svg(html: str) -> ElementTree.Element:
    match = re.search(r'<img class="screen__qr-code" src="([^"]+)"', html)
    assert match, "no QR code image"
    uri = unescape(match.group(1))
    prefix = "data:image/svg+xml;charset=utf-8,"
    assert uri.startswith(prefix)
    return ElementTree.fromstring(unquote(uri[len(prefix) :]))  # noqa: S314 - our own markup


def dark_modules(svg: ElementTree.Element) -> set[tuple[int, int]]:
    """The (row, column) of every dark module the SVG draws: segno draws each row's dark runs as
    horizontal strokes (`M x y`, `m dx dy`, `h length`)."""
    (path,) = [path for path in svg.iter(f"{SVG_NS}path") if path.get("stroke")]
    x = y = 0.0
    dark = set()
    for command, arguments in re.findall(r"([Mmh])([-\d. ]+)", path.get("d")):
        numbers = [float(number) for number in arguments.split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            dark.update((int(y), int(x) + step) for step in range(int(numbers[0])))
            x += numbers[0]
    return dark


def expected_modules(url: str, border: int = 4) -> set[tuple[int, int]]:
    matrix = segno.make(url, error="m", micro=False).matrix
    return {
        (row + border, column + border)
        for row, line in enumerate(matrix)
        for column, bit in enumerate(line)
        if bit
    }


# ---- which page, which messages ----


def test_a_station_screen_shows_only_that_stations_published_messages(client, force_hub, other_force_hub):
    hatfield, welwyn = station(force_hub, "hatfield"), station(force_hub, "welwyn-garden-city")
    make_message(force_hub, hatfield, body="Shown: approved for Hatfield")
    make_message(force_hub, welwyn, body="Another station's")
    make_message(force_hub, None, body="The whole force's")
    make_message(force_hub, hatfield, status=MessageStatus.PENDING, body="Pending")
    make_message(force_hub, hatfield, status=MessageStatus.REJECTED, body="Rejected")
    make_message(
        force_hub, hatfield, status=MessageStatus.WITHDRAWN, body="Withdrawn", published_at=timezone.now()
    )
    make_message(other_force_hub, None, body="Another force's")

    html = page_html(client.get(HATFIELD))

    assert shown_bodies(html) == ["Shown: approved for Hatfield"]


def test_a_force_screen_shows_every_published_message_of_the_force_newest_first(
    client, force_hub, other_force_hub
):
    hatfield = station(force_hub, "hatfield")
    now = timezone.now()
    make_message(force_hub, hatfield, body="Older", published_at=now - timedelta(hours=2))
    make_message(force_hub, None, body="Newer", published_at=now - timedelta(hours=1))
    make_message(force_hub, None, status=MessageStatus.PENDING, body="Pending")
    make_message(other_force_hub, None, body="Another force's")

    html = page_html(client.get("/screens/hertfordshire/"))

    assert shown_bodies(html) == ["Newer", "Older"]
    assert 'data-station=""' in html


def test_a_screen_starts_with_the_feeds_first_page(client, force_hub):
    for number in range(DEFAULT_PAGE_SIZE + 5):
        make_message(force_hub, None, body=f"Thanks number {number}")

    assert len(shown_bodies(page_html(client.get("/screens/hertfordshire/")))) == DEFAULT_PAGE_SIZE


def test_a_screen_without_messages_invites_the_first(client, force_hub):
    html = page_html(client.get(HATFIELD))

    assert shown_bodies(html) == []
    assert "Be the first to say thank you: scan the QR code." in html


@pytest.mark.parametrize(
    "path",
    [
        "/screens/nowhere/",
        "/screens/nowhere/hatfield/",
        "/screens/hertfordshire/nowhere/",
        "/screens/gwent/hatfield/",  # a station of another force
    ],
)
def test_unknown_forces_and_stations_are_not_found(client, force_hub, other_force_hub, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_force_has_no_screen(client, force_hub):
    force_hub.unpublish()

    assert client.get(HATFIELD).status_code == 404


def test_the_screen_names_the_force_and_station_and_the_time(client, force_hub):
    html = page_html(client.get(HATFIELD))

    assert '<html lang="en"' in html
    assert '<h1 class="screen__force">Hertfordshire Constabulary</h1>' in html
    assert '<p class="screen__station">Hatfield</p>' in html
    assert re.search(r'<time class="screen__time" data-clock>\d\d:\d\d</time>', html)
    assert html.count("<main") == 1


def test_the_welsh_screen_is_in_welsh_and_leads_with_the_welsh_name(client, other_force_hub):
    StationFactory(page=other_force_hub, name="Casnewydd", slug="newport")

    html = page_html(client.get("/cy/screens/gwent/newport/"))

    assert '<html lang="cy"' in html
    assert '<h1 class="screen__force">Heddlu Gwent</h1>' in html
    assert '<p class="screen__force-other" lang="en">Gwent Police</p>' in html
    assert data_attribute(html, "form-url") == "http://testserver/cy/thanks/new/?force=gwent&station=newport"


def test_an_english_screen_also_names_a_welsh_force_in_welsh(client, other_force_hub):
    html = page_html(client.get("/screens/gwent/"))

    assert '<h1 class="screen__force">Gwent Police</h1>' in html
    assert '<p class="screen__force-other" lang="cy">Heddlu Gwent</p>' in html


def test_the_screen_shows_the_forces_logo_and_accent_colour(client, force_hub, national_settings):
    force_hub.__class__.objects.filter(pk=force_hub.pk).update(
        logo=ImageFactory(), logo_alt_text="The Hertfordshire Constabulary crest", accent_colour="#5a1e6e"
    )

    html = page_html(client.get(HATFIELD))

    assert re.search(r'<img [^>]*alt="The Hertfordshire Constabulary crest"[^>]*class="screen__logo"', html)
    assert '<link rel="stylesheet" href="/accent/5a1e6e.css">' in html


def test_a_screen_with_a_logo_costs_two_queries_more(
    client, force_hub, national_settings, django_assert_num_queries
):
    force_hub.__class__.objects.filter(pk=force_hub.pk).update(logo=ImageFactory(), logo_alt_text="Crest")
    page_html(client.get(HATFIELD))  # the first visit makes the logo's rendition

    # force, station, national pause, logo, its renditions, messages, events
    with django_assert_num_queries(7):
        page_html(client.get(HATFIELD))


# ---- the QR code ----


def test_the_qr_code_opens_the_form_preselected_for_the_force_and_station(client, force_hub):
    html = page_html(client.get(HATFIELD))
    form_url = "http://testserver/thanks/new/?force=hertfordshire&station=hatfield"

    assert data_attribute(html, "form-url") == form_url
    assert dark_modules(qr_svg(html)) == expected_modules(form_url)
    assert "testserver/thanks/new/" in html  # printed under the code for those who cannot scan


def test_the_force_screens_qr_code_preselects_only_the_force(client, force_hub):
    html = page_html(client.get("/screens/hertfordshire/"))
    form_url = "http://testserver/thanks/new/?force=hertfordshire"

    assert data_attribute(html, "form-url") == form_url
    assert dark_modules(qr_svg(html)) == expected_modules(form_url)


def test_the_qr_code_is_a_plain_scalable_svg_with_nothing_the_csp_would_block():
    url = "http://testserver/thanks/new/?force=x"
    svg = ElementTree.fromstring(unquote(qr_code_data_uri(url).split(",", 1)[1]))  # noqa: S314 - our own markup
    width, height = segno.make(url, error="m", micro=False).symbol_size(border=4)

    assert svg.tag == f"{SVG_NS}svg"
    # No width or height: it scales to whatever the layout gives it, with the quiet zone of 4.
    assert svg.get("viewBox") == f"0 0 {width} {height}"
    assert svg.get("width") is None
    assert {child.tag for child in svg.iter()} == {f"{SVG_NS}svg", f"{SVG_NS}path"}
    assert not any(element.get("style") for element in svg.iter())


# ---- today's events ----


def test_a_station_screen_lists_todays_events_at_that_station_only(client, force_hub):
    hatfield, welwyn = station(force_hub, "hatfield"), station(force_hub, "welwyn-garden-city")
    make_event(force_hub, hatfield, title="Therapy dog visit", starts=time(14))
    make_event(force_hub, hatfield, title="Wellbeing van visit", starts=time(9))
    make_event(force_hub, hatfield, title="Overnight support", day_offset=-1, starts=time(22), hours=5)
    make_event(force_hub, hatfield, title="Yesterday's visit", day_offset=-1)
    make_event(force_hub, hatfield, title="Tomorrow's visit", day_offset=1)
    make_event(force_hub, welwyn, title="Welwyn's van")

    html = page_html(client.get(HATFIELD))

    titles = re.findall(r'<p class="screen__event-title">(.*?)</p>', html)
    assert titles == ["Overnight support", "Wellbeing van visit", "Therapy dog visit"]
    assert '<time datetime="' in html


def test_a_force_screen_lists_todays_events_across_the_force_with_their_places(client, force_hub):
    make_event(force_hub, station(force_hub, "hatfield"), title="Therapy dog visit")
    make_event(
        force_hub, station(force_hub, "welwyn-garden-city"), title="Wellbeing van visit", starts=time(11)
    )

    html = page_html(client.get("/screens/hertfordshire/"))

    assert re.findall(r'<p class="screen__event-title">(.*?)</p>', html) == [
        "Therapy dog visit",
        "Wellbeing van visit",
    ]
    assert "Wellbeing van visit · Welwyn Garden City" in html


def test_a_screen_without_events_today_says_so(client, force_hub):
    make_event(force_hub, station(force_hub, "hatfield"), day_offset=1)

    assert "No wellbeing events here today." in page_html(client.get(HATFIELD))


# ---- pause ----


def test_a_national_pause_shows_the_national_holding_message_on_every_screen(
    client, force_hub, other_force_hub
):
    make_message(force_hub, station(force_hub, "hatfield"), body="Not while paused")
    NationalWallSettings.objects.create(paused=True, holding_message="We are remembering a colleague today.")

    for path in (HATFIELD, "/screens/gwent/"):
        html = page_html(client.get(path))
        assert "We are remembering a colleague today." in html
        assert data_attribute(html, "paused") == "true"
        assert shown_bodies(html) == []


def test_a_forces_pause_holds_only_its_own_screens(client, force_hub, other_force_hub):
    make_message(force_hub, station(force_hub, "hatfield"), body="Not while paused")
    make_message(other_force_hub, None, body="Still shown in Gwent")
    ForceRecognitionSettings.objects.create(
        force=force_hub, paused=True, holding_message="Hertfordshire is remembering PC Example."
    )

    paused = page_html(client.get(HATFIELD))
    running = page_html(client.get("/screens/gwent/"))

    assert "Hertfordshire is remembering PC Example." in paused
    assert shown_bodies(paused) == []
    assert shown_bodies(running) == ["Still shown in Gwent"]
    assert data_attribute(running, "paused") == "false"


def test_a_pause_without_words_shows_a_calm_default(client, force_hub):
    ForceRecognitionSettings.objects.create(force=force_hub, paused=True)

    html = page_html(client.get(HATFIELD))

    assert "Messages of thanks are paused for now. Thank you for your patience." in html


# ---- safety: escaping and the content security policy ----

XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'


def test_a_message_is_text_never_markup(client, force_hub):
    make_message(
        force_hub, station(force_hub, "hatfield"), body=XSS, recipient=XSS, from_name='"><svg onload=x>'
    )

    html = page_html(client.get(HATFIELD))

    assert XSS not in html
    assert "<script>window" not in html
    assert "onerror=" not in html.replace("onerror=&quot;", "")
    assert "<svg" not in html
    assert shown_bodies(html) == [XSS]


def test_the_screen_has_a_strict_csp_and_no_inline_script_or_style(client, force_hub):
    make_message(force_hub, station(force_hub, "hatfield"))
    make_event(force_hub, station(force_hub, "hatfield"))

    response = client.get(HATFIELD)
    html = page_html(response)
    policy = response["Content-Security-Policy"]

    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == ['<script src="/static/js/screen.js" defer>']
    assert not re.search(r"<style\b", html)
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_the_screen_is_never_cached_by_the_browser(client, force_hub):
    response = client.get(HATFIELD)

    assert "no-cache" in response["Cache-Control"]


def test_the_service_worker_is_served_under_the_screens_so_its_scope_covers_them(client, db):
    for prefix in ("", "/cy"):
        response = client.get(f"{prefix}/screens/service-worker.js")

        assert response.status_code == 200
        assert response["Content-Type"] == "text/javascript; charset=utf-8"
        assert "no-cache" in response["Cache-Control"]
        assert 'self.addEventListener("fetch"' in response.content.decode()


def test_the_screen_names_its_service_worker_in_its_language(client, other_force_hub):
    assert (
        data_attribute(page_html(client.get("/screens/gwent/")), "service-worker")
        == "/screens/service-worker.js"
    )
    assert data_attribute(page_html(client.get("/cy/screens/gwent/")), "service-worker") == (
        "/cy/screens/service-worker.js"
    )


# ---- what the script is told ----


def test_the_script_is_told_the_feed_and_the_polling_rhythm(client, force_hub):
    html = page_html(client.get(HATFIELD))

    assert data_attribute(html, "feed-url") == "/api/v1/messages/?force=hertfordshire&station=hatfield"
    assert (data_attribute(html, "poll-min"), data_attribute(html, "poll-max")) == ("15", "30")
    assert data_attribute(html, "backoff-max") == "300"
    assert data_attribute(html, "storage-key") == "rpw-screen:hertfordshire:hatfield"
    assert data_attribute(html, "text-to") == "Thanks to: {recipient}"
    assert data_attribute(html, "text-last-updated") == "Last updated {time}"


def test_the_script_is_told_the_release_the_feed_names(client, force_hub, settings):
    settings.RELEASE = "2027.03.15-abc123"
    release = data_attribute(page_html(client.get(HATFIELD)), "release")
    feed = client.get(data_attribute(page_html(client.get(HATFIELD)), "feed-url"))

    assert release == feed["X-Release"]
    assert "abc123" not in release  # opaque: the deploy's own name is not published

    settings.RELEASE = "2027.03.16-def456"
    assert data_attribute(page_html(client.get(HATFIELD)), "release") != release


def test_the_poll_override_is_ignored_unless_enabled(client, force_hub):
    html = page_html(client.get(HATFIELD + "?poll=1"))

    assert data_attribute(html, "poll-min") == "15"


@pytest.mark.parametrize(("asked", "given"), [("2", "2"), ("0", "1"), ("999", "60")])
def test_the_poll_override_stays_within_bounds_when_enabled(client, force_hub, settings, asked, given):
    settings.RECOGNITION_SCREEN_POLL_OVERRIDE = True

    html = page_html(client.get(f"{HATFIELD}?poll={asked}"))

    assert data_attribute(html, "poll-min") == data_attribute(html, "poll-max") == given


# ---- cost ----


def test_a_station_screen_costs_a_fixed_number_of_queries(
    client, force_hub, national_settings, django_assert_num_queries
):
    hatfield = station(force_hub, "hatfield")
    for number in range(5):
        make_message(force_hub, hatfield, body=f"Thanks number {number}")
        make_event(force_hub, hatfield, starts=time(8 + number))

    # force (with its settings), station, national pause, messages, events
    with django_assert_num_queries(5):
        html = page_html(client.get(HATFIELD))
    assert len(shown_bodies(html)) == 5


def test_a_force_screen_costs_a_fixed_number_of_queries(
    client, force_hub, national_settings, django_assert_num_queries
):
    for number in range(5):
        make_message(force_hub, station(force_hub, "hatfield"), body=f"Thanks number {number}")
        make_event(force_hub, station(force_hub, "welwyn-garden-city"), starts=time(8 + number))

    with django_assert_num_queries(4):
        page_html(client.get("/screens/hertfordshire/"))


def test_a_paused_screen_does_not_read_messages(
    client, force_hub, national_settings, django_assert_num_queries
):
    ForceRecognitionSettings.objects.create(force=force_hub, paused=True)

    with django_assert_num_queries(4):
        page_html(client.get(HATFIELD))
