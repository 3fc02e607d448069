"""The public wall at /thanks/: cards of published thanks in their force's colour and crest,
filters by force and station that are plain links, a search by force or station name, this
week's figures, numbered pages, the call to action, pauses, Welsh, escaping and caching."""

import re
from datetime import UTC, datetime, time, timedelta
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import ForceHubPage
from recognition.models import ForceRecognitionSettings, MessageStatus, NationalWallSettings
from recognition.views.wall import SEARCH_MAX_LENGTH, WALL_PAGE_SIZE
from tests.factories import ForceHubPageFactory, ImageFactory, MessageFactory, StationFactory

WALL = "/thanks/"
HERTS_WALL = "/thanks/hertfordshire/"
START = datetime(2027, 3, 15, 12, tzinfo=UTC)


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def recipients(html: str) -> list[str]:
    return [
        # A label, "Thanks to: …" in English and "Diolch i: …" in Welsh, whatever was typed.
        unescape(r)
        for r in re.findall(r'rpw-card__recipient">(?:Thanks to|Diolch i): (.*?)</h3>', html)
    ]


def test_cards_show_the_thanks_newest_first_and_nothing_unpublished(
    client, force_hub, other_force_hub, publish
):
    hatfield = force_hub.stations.get(slug="hatfield")
    publish(
        force_hub, recipient="PC Older", station=hatfield, from_name="Sam", published_at=START - timedelta(1)
    )
    publish(other_force_hub, recipient="PC Newer", from_name="", published_at=START)
    MessageFactory(force=force_hub, recipient="PC Pending", status=MessageStatus.PENDING)
    MessageFactory(force=force_hub, recipient="PC Rejected", status=MessageStatus.REJECTED)
    MessageFactory(force=force_hub, recipient="PC Withdrawn", status=MessageStatus.WITHDRAWN)

    html = html_of(client.get(WALL))

    assert recipients(html) == ["PC Newer", "PC Older"]
    assert "From Sam" in html and "From A member of the public" in html
    assert "Hertfordshire Constabulary, Hatfield" in html
    assert '<time class="rpw-card__when" datetime="2027-03-14T12:00:00+00:00">14 March 2027</time>' in html


def test_a_force_wall_shows_its_own_thanks_and_filters_by_station(
    client, force_hub, other_force_hub, publish
):
    hatfield = force_hub.stations.get(slug="hatfield")
    publish(force_hub, recipient="PC Hatfield", station=hatfield)
    publish(force_hub, recipient="PC Anywhere")
    publish(other_force_hub, recipient="PC Gwent")

    assert sorted(recipients(html_of(client.get(HERTS_WALL)))) == ["PC Anywhere", "PC Hatfield"]
    html = html_of(client.get(f"{HERTS_WALL}?station=hatfield"))
    assert recipients(html) == ["PC Hatfield"]
    assert 'href="/thanks/hertfordshire/?station=hatfield" aria-current="page">Hatfield</a>' in html
    assert '<a class="govuk-link" href="/thanks/hertfordshire/">All stations</a>' in html


def test_every_force_is_a_plain_link_with_its_count(client, force_hub, other_force_hub, publish):
    publish(force_hub)
    publish(force_hub)
    publish(other_force_hub)

    html = html_of(client.get(WALL))

    assert re.search(
        r'href="/thanks/" aria-current="page">All forces</a>\s*<span[^>]*>3 messages</span>', html
    )
    assert re.search(
        r'href="/thanks/hertfordshire/">Hertfordshire Constabulary</a>\s*<span[^>]*>2 messages</span>', html
    )
    assert re.search(r'href="/thanks/gwent/">Gwent Police</a>\s*<span[^>]*>1 message</span>', html)


@pytest.mark.parametrize(
    "path",
    [
        "/thanks/nowhere/",
        f"{HERTS_WALL}?station=nowhere",
        f"{WALL}?station=hatfield",
        f"{HERTS_WALL}?station=" + "x" * 200,
        f"{WALL}?page=0",
        f"{WALL}?page=two",
        f"{WALL}?page=2",
        f"{WALL}?page=" + "9" * 50,
    ],
)
def test_unknown_forces_stations_and_pages_are_404(client, force_hub, path):
    assert client.get(path).status_code == 404


def test_the_forms_and_pages_beside_the_wall_keep_their_addresses(client, force_hub):
    assert client.get("/thanks/new/").status_code == 200
    assert client.get("/thanks/privacy/").status_code == 200
    assert client.get("/thanks/withdraw/" + "0" * 64 + "/").status_code == 404


def test_pages_are_numbered_with_stable_links(client, force_hub, publish):
    for n in range(WALL_PAGE_SIZE + 3):
        MessageFactory(
            force=force_hub, published=True, recipient=f"PC {n:03}", published_at=START - timedelta(hours=n)
        )
    publish(force_hub, recipient="PC Newest", published_at=START + timedelta(hours=1))

    first = html_of(client.get(HERTS_WALL))
    second = html_of(client.get(f"{HERTS_WALL}?page=2"))

    assert len(recipients(first)) == WALL_PAGE_SIZE
    assert recipients(second) == ["PC 019", "PC 020", "PC 021", "PC 022"]
    assert 'href="/thanks/hertfordshire/?page=2" rel="next"' in first
    assert 'href="/thanks/hertfordshire/" rel="prev"' in second
    assert "Page 2 of 2" in second
    assert recipients(html_of(client.get(f"{HERTS_WALL}?page=2"))) == recipients(second)


def test_the_call_to_action_names_the_force_and_station(client, force_hub):
    assert 'href="/thanks/new/"' in html_of(client.get(WALL))
    assert 'href="/thanks/new/?force=hertfordshire"' in html_of(client.get(HERTS_WALL))
    html = html_of(client.get(f"{HERTS_WALL}?station=hatfield"))
    assert 'href="/thanks/new/?force=hertfordshire&amp;station=hatfield"' in html
    assert "Thank an officer" in html


def test_a_force_pause_shows_its_holding_message_and_hides_it_nationally(
    client, force_hub, other_force_hub, publish, after_commit
):
    publish(force_hub, recipient="PC Herts")
    publish(other_force_hub, recipient="PC Gwent")
    with after_commit():
        ForceRecognitionSettings.objects.create(
            force=force_hub, paused=True, holding_message="We are remembering PC Example.\nThank you."
        )

    html = html_of(client.get(HERTS_WALL))
    assert recipients(html) == []
    assert (
        '<div class="govuk-inset-text rpw-holding">We are remembering PC Example.<br>Thank you.</div>' in html
    )
    assert recipients(html_of(client.get(WALL))) == ["PC Gwent"]


def test_a_national_pause_shows_the_national_holding_message_everywhere(
    client, force_hub, publish, after_commit
):
    publish(force_hub)
    with after_commit():
        national = NationalWallSettings.load()
        national.paused, national.holding_message = True, "Every wall is paused today."
        national.save()

    for path in (WALL, HERTS_WALL, f"{HERTS_WALL}?station=hatfield"):
        html = html_of(client.get(path))
        assert recipients(html) == []
        assert "Every wall is paused today." in html


def test_the_welsh_wall_speaks_welsh_names(client, force_hub, other_force_hub, publish):
    publish(other_force_hub, recipient="PC Gwent")

    html = html_of(client.get("/cy/thanks/gwent/"))

    assert '<html lang="cy"' in html
    assert "Heddlu Gwent" in html
    assert 'href="/cy/thanks/hertfordshire/"' in html
    assert recipients(html_of(client.get("/cy/thanks/"))) == ["PC Gwent"]


def test_a_hostile_message_is_escaped_text(client, force_hub, publish):
    publish(
        force_hub,
        recipient='<img src=x onerror="window.__xss=1">',
        body="<script>window.__xss=1</script> & thanks",
        from_name="<b>Sam</b>",
    )

    html = html_of(client.get(WALL))

    assert "<script>window" not in html and "<img src=x" not in html and "<b>Sam" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt; &amp; thanks" in html
    assert "Thanks to: &lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" in html


def test_anonymous_visitors_get_a_short_public_cache_and_editors_a_private_page(client, force_hub, publish):
    publish(force_hub)

    anonymous = client.get(HERTS_WALL)
    assert anonymous["Cache-Control"] == "public, max-age=5"
    assert anonymous["ETag"].startswith('W/"')

    client.cookies["sessionid"] = "not-a-session"
    signed_in = client.get(HERTS_WALL)
    assert "private" in signed_in["Cache-Control"] and "public" not in signed_in["Cache-Control"]


def test_a_fresh_approval_shows_on_the_next_poll(client, force_hub, publish):
    publish(force_hub, recipient="PC First")
    assert recipients(html_of(client.get(HERTS_WALL))) == ["PC First"]

    publish(force_hub, recipient="PC Second", published_at=START + timedelta(days=3650))

    assert recipients(html_of(client.get(HERTS_WALL))) == ["PC Second", "PC First"]


def test_an_empty_wall_invites_the_first_thanks(client, force_hub):
    html = html_of(client.get(HERTS_WALL))

    assert "No thanks have been published here yet" in html


# ---- the force's colour and crest ----


def card_of(html: str, pk: int) -> str:
    match = re.search(rf'<article class="rpw-card" data-message-id="{pk}">(.*?)</article>', html, re.S)
    assert match, f"no card for message {pk}"
    return match.group(1)


def test_a_card_wears_its_forces_colour_class_and_the_wall_links_the_colours(
    client, force_hub, other_force_hub, publish
):
    herts, gwent = publish(force_hub), publish(other_force_hub)

    html = html_of(client.get(WALL))

    assert '<link rel="stylesheet" href="/thanks/forces.css">' in html
    assert 'class="rpw-card__force rpw-force--hertfordshire"' in card_of(html, herts.pk)
    assert 'class="rpw-card__force rpw-force--gwent"' in card_of(html, gwent.pk)
    assert " style=" not in html


def test_the_welsh_wall_links_the_same_colours(client, force_hub, publish):
    publish(force_hub)

    assert '<link rel="stylesheet" href="/thanks/forces.css">' in html_of(client.get("/cy/thanks/"))


def test_the_colours_stylesheet_has_a_rule_per_public_force(client, force_hub, other_force_hub, home_page):
    ForceHubPage.objects.filter(pk=force_hub.pk).update(accent_colour="#5A1E6E")
    draft = ForceHubPageFactory(
        parent=home_page, title="Draft Constabulary", slug="draft", accent_colour="#003d5b"
    )
    draft.unpublish()

    response = client.get("/thanks/forces.css")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=300"
    css = response.content.decode()
    assert ".rpw-force--hertfordshire{--rpw-force:#5a1e6e}\n" in css
    assert f".rpw-force--gwent{{--rpw-force:{other_force_hub.accent_colour}}}\n" in css
    assert "draft" not in css


def test_the_colours_stylesheet_leaves_out_an_unreadable_colour(client, force_hub):
    # Saved before the contrast check existed, say: the card keeps the site's own blue.
    ForceHubPage.objects.filter(pk=force_hub.pk).update(accent_colour="#ffdd00")

    assert "hertfordshire" not in client.get("/thanks/forces.css").content.decode()


def test_the_colours_stylesheet_answers_its_own_tag_with_a_304(client, force_hub):
    etag = client.get("/thanks/forces.css")["ETag"]

    response = client.get("/thanks/forces.css", headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response["ETag"] == etag


def test_a_forces_crest_is_a_small_decorative_image_beside_its_name(
    client, force_hub, other_force_hub, publish
):
    ForceHubPage.objects.filter(pk=force_hub.pk).update(
        logo=ImageFactory(), logo_alt_text="The Hertfordshire Constabulary crest"
    )
    herts, gwent = publish(force_hub), publish(other_force_hub)

    html = html_of(client.get(WALL))

    crest = re.search(r"<img [^>]*>", card_of(html, herts.pk)).group(0)
    assert 'alt=""' in crest and 'class="rpw-card__crest"' in crest and ".max-64x64." in crest
    assert "The Hertfordshire Constabulary crest" not in html
    assert "<img" not in card_of(html, gwent.pk)


# ---- counts, and this week ----


def week_start() -> datetime:
    today = timezone.localdate()
    return timezone.make_aware(datetime.combine(today - timedelta(days=today.weekday()), time.min))


def week_panel(html: str) -> str:
    match = re.search(r'<section class="rpw-week[^"]*"[^>]*>(.*?)</section>', html, re.S)
    assert match, "no week panel"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def test_counts_per_force_count_only_what_the_public_sees(
    client, force_hub, other_force_hub, home_page, publish, after_commit
):
    kent = ForceHubPageFactory(parent=home_page, title="Kent Police", slug="kent")
    publish(force_hub)
    publish(other_force_hub)
    publish(kent)
    for status in (MessageStatus.PENDING, MessageStatus.REJECTED, MessageStatus.WITHDRAWN):
        MessageFactory(force=force_hub, status=status)
    with after_commit():
        ForceRecognitionSettings.objects.create(force=kent, paused=True)

    html = html_of(client.get(WALL))

    assert re.search(r'aria-current="page">All forces</a>\s*<span[^>]*>2 messages</span>', html)
    assert re.search(r">Hertfordshire Constabulary</a>\s*<span[^>]*>1 message</span>", html)
    assert re.search(r">Kent Police</a>\s*<span[^>]*>0 messages</span>", html)


def test_this_week_counts_the_thanks_since_monday_and_names_the_most_thanked_forces(
    client, force_hub, other_force_hub, publish
):
    for _ in range(2):
        publish(other_force_hub, published_at=timezone.now())
    publish(force_hub, published_at=timezone.now())
    publish(force_hub, published_at=week_start() - timedelta(seconds=1))

    national = week_panel(html_of(client.get(WALL)))
    herts = week_panel(html_of(client.get(HERTS_WALL)))

    monday = week_start().strftime("%A %-d %B")
    assert national.startswith(f"This week 3 messages of thanks since {monday} 4 messages in all")
    assert "Most thanked this week Gwent Police 2 messages Hertfordshire Constabulary 1 message" in national
    assert (
        herts
        == f"This week for Hertfordshire Constabulary 1 message of thanks since {monday} 2 messages in all"
    )


def test_a_force_wall_wears_the_forces_colour_in_its_week_panel(client, force_hub, publish):
    publish(force_hub)

    assert '<section class="rpw-week rpw-force--hertfordshire"' in html_of(client.get(HERTS_WALL))


def test_a_paused_wall_shows_no_figures(client, force_hub, publish, after_commit):
    publish(force_hub)
    with after_commit():
        ForceRecognitionSettings.objects.create(force=force_hub, paused=True)

    assert 'class="rpw-week' not in html_of(client.get(HERTS_WALL))


def test_the_newest_card_of_the_first_page_is_featured(client, force_hub, publish):
    for n in range(WALL_PAGE_SIZE + 1):
        publish(force_hub, recipient=f"PC {n:03}", published_at=START - timedelta(hours=n))

    first, second = html_of(client.get(HERTS_WALL)), html_of(client.get(f"{HERTS_WALL}?page=2"))

    assert first.count("rpw-cards__item--featured") == 1
    assert re.search(r'rpw-cards__item--featured">\s*<article[^>]*>\s*<h3[^>]*>Thanks to: PC 000<', first)
    assert "rpw-cards__item--featured" not in second


def test_every_card_links_to_its_own_page(client, force_hub, publish):
    message = publish(force_hub, recipient="PC Share")

    card = card_of(html_of(client.get(WALL)), message.pk)

    link = f'href="/thanks/hertfordshire/{message.pk}/">Share<span class="govuk-visually-hidden">, '
    assert link + "Thanks to: PC Share</span></a>" in card
    assert f'href="/cy/thanks/hertfordshire/{message.pk}/"' in html_of(client.get("/cy/thanks/"))


# ---- search ----


@pytest.fixture
def searchable(force_hub, other_force_hub, publish):
    hatfield = force_hub.stations.get(slug="hatfield")
    newport = StationFactory(page=other_force_hub, name="Newport Central")
    publish(force_hub, recipient="PC Hatfield", station=hatfield, published_at=START)
    publish(force_hub, recipient="PC Herts", published_at=START - timedelta(hours=1))
    publish(other_force_hub, recipient="PC Newport", station=newport, published_at=START - timedelta(hours=2))
    publish(other_force_hub, recipient="PC Gwent", published_at=START - timedelta(hours=3))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hatfield", ["PC Hatfield"]),
        ("NEWPORT", ["PC Newport"]),
        ("  Gwent   police ", ["PC Newport", "PC Gwent"]),
        ("heddlu", ["PC Newport", "PC Gwent"]),  # Gwent's Welsh name
        ("Hertfordshire", ["PC Hatfield", "PC Herts"]),
        ("Nowhere at all", []),
    ],
)
def test_the_search_finds_thanks_by_force_or_station_name(client, searchable, query, expected):
    response = client.get(WALL, {"q": query})

    assert recipients(html_of(response)) == expected


def test_a_search_within_a_force_stays_within_it(client, searchable):
    assert recipients(html_of(client.get(HERTS_WALL, {"q": "newport"}))) == []
    assert recipients(html_of(client.get(HERTS_WALL, {"q": "hat"}))) == ["PC Hatfield"]


def test_a_search_says_what_it_found_and_how_to_clear_it(client, searchable):
    html = html_of(client.get(WALL, {"q": "gwent"}))

    assert "2 messages for “gwent”, newest first." in html
    assert '<a class="govuk-link" href="/thanks/">Clear the search</a>' in html
    assert 'value="gwent"' in html
    assert "<title>The wall of thanks: search for “gwent”" in html

    empty = html_of(client.get(WALL, {"q": "nowhere"}))
    assert "No thanks match “nowhere”." in empty


def test_pages_of_a_search_keep_the_search(client, force_hub, publish):
    hatfield = force_hub.stations.get(slug="hatfield")
    for n in range(WALL_PAGE_SIZE + 2):
        publish(force_hub, recipient=f"PC {n:03}", station=hatfield, published_at=START - timedelta(hours=n))
    publish(force_hub, recipient="PC Elsewhere", published_at=START + timedelta(hours=1))

    first = html_of(client.get(WALL, {"q": "hatfield"}))
    second = html_of(client.get(WALL, {"q": "hatfield", "page": "2"}))

    assert len(recipients(first)) == WALL_PAGE_SIZE and "PC Elsewhere" not in first
    assert 'href="/thanks/?q=hatfield&amp;page=2" rel="next"' in first
    assert recipients(second) == ["PC 020", "PC 021"]
    assert 'href="/thanks/?q=hatfield" rel="prev"' in second


def test_a_search_at_the_length_limit_is_answered(client, searchable):
    assert client.get(WALL, {"q": "h" * SEARCH_MAX_LENGTH}).status_code == 200


def test_a_search_past_the_length_limit_is_a_clear_error(client, searchable):
    response = client.get(WALL, {"q": "h" * (SEARCH_MAX_LENGTH + 1)})

    assert response.status_code == 400
    html = response.content.decode()
    message = f"Enter a force or station name of {SEARCH_MAX_LENGTH} characters or fewer"
    assert f'<a href="#wall-search">{message}</a>' in html  # the error summary
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}</p>' in html
    assert "<title>Error: The wall of thanks" in html
    assert 'aria-describedby="wall-search-hint wall-search-error"' in html
    assert "private" not in response.get("Cache-Control", "") or "public" not in response["Cache-Control"]
    assert "ETag" not in response


def test_a_refused_search_is_never_served_from_the_wall_cache(client, searchable):
    client.get(WALL)  # the plain wall, kept in the cache

    assert client.get(WALL, {"q": "x" * (SEARCH_MAX_LENGTH + 1)}).status_code == 400


def test_control_characters_in_a_search_are_ignored(client, searchable):
    assert recipients(html_of(client.get(WALL, {"q": "\x00hatfield\x1b"}))) == ["PC Hatfield"]


def wall_lookups(client, path: str) -> list[str]:
    """The queries the wall itself made for `path` (the 404 page's own site lookups left out)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 404
    return [
        q["sql"]
        for q in captured.captured_queries
        if "recognition_" in q["sql"] or "home_station" in q["sql"]
    ]


def test_a_station_slug_past_its_limit_is_refused_before_any_lookup(client, force_hub):
    assert wall_lookups(client, f"{HERTS_WALL}?station=" + "x" * 100)  # looked up: no such station
    assert wall_lookups(client, f"{HERTS_WALL}?station=" + "x" * 101) == []


def test_a_page_number_past_its_limit_is_refused_before_any_lookup(client, force_hub):
    assert wall_lookups(client, f"{WALL}?page=999999")  # looked up: past the last page
    assert wall_lookups(client, f"{WALL}?page=1000000") == []


# ---- queries ----


@pytest.fixture
def national_settings(db):
    """The national settings row, as on a running site (the first read creates it)."""
    return NationalWallSettings.load()


def _with_crests(*hubs):
    for hub in hubs:
        ForceHubPage.objects.filter(pk=hub.pk).update(logo=ImageFactory(), logo_alt_text=f"{hub.title} crest")


@pytest.mark.parametrize("count", [1, 45])
def test_the_wall_with_crests_and_a_search_runs_a_fixed_number_of_queries(
    client, force_hub, other_force_hub, national_settings, django_assert_num_queries, count
):
    _with_crests(force_hub, other_force_hub)
    hatfield = force_hub.stations.get(slug="hatfield")
    for n in range(count):
        MessageFactory(
            force=(force_hub, other_force_hub)[n % 2],
            station=hatfield if n % 2 == 0 else None,
            published=True,
        )
    client.get(WALL)  # renditions made once, as on a running site
    cache.clear()

    # version, forces, national pause, counts (in all and this week), page count, page,
    # the page's logos and their renditions
    with django_assert_num_queries(8):
        assert client.get(f"{WALL}?page={1 + (count > 20)}").status_code == 200
    # the version is cached now; a search costs nothing more
    with django_assert_num_queries(7):
        assert client.get(f"{WALL}?q=hatfield").status_code == 200
    # the version is cached now; + the force's stations
    with django_assert_num_queries(8):
        assert client.get(f"{HERTS_WALL}?q=hat").status_code == 200
