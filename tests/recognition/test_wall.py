"""The public wall at /thanks/: cards of published thanks, filters by force and station that are
plain links, numbered pages, the call to action, pauses, Welsh, escaping and caching."""

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest

from recognition.models import ForceRecognitionSettings, MessageStatus, NationalWallSettings
from recognition.views.wall import WALL_PAGE_SIZE
from tests.factories import MessageFactory

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
