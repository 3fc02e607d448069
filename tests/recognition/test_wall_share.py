"""A message's own page, to share: `/thanks/<force>/<id>/` and its Welsh twin, with Open Graph and
Twitter card meta, a link to copy, and a 404 the moment the message is no longer shown."""

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import resolve

from home.models import ForceHubPage
from recognition.blocks import RecentThanksBlock
from recognition.models import ForceRecognitionSettings, MessageStatus, NationalWallSettings
from recognition.services import edit_and_approve_message, reject_message, withdraw_message
from recognition.tokens import hash_withdraw_token
from tests.factories import ImageFactory, MessageFactory, UserFactory

WITHDRAW_TOKEN = "b" * 64


def share_path(message, prefix: str = "") -> str:
    return f"{prefix}/thanks/{message.force.slug}/{message.pk}/"


def meta(html: str) -> dict[str, str]:
    """The page's <meta property|name=… content=…> and <link rel=canonical>, unescaped."""
    found = {
        key: unescape(value)
        for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html)
    }
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    found["canonical"] = canonical.group(1) if canonical else ""
    return found


@pytest.fixture
def moderator(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def national_settings(db):
    """The national settings row, as on a running site (the first read creates it)."""
    return NationalWallSettings.load()


@pytest.fixture
def message(force_hub, publish):
    return publish(
        force_hub,
        station=force_hub.stations.get(slug="hatfield"),
        recipient="PC 1234 and the Hatfield team",
        body="Thank you for staying with my dad\nuntil the ambulance came.",
        from_name="Sam",
        withdraw_token_hash=hash_withdraw_token(WITHDRAW_TOKEN),
    )


def test_a_published_message_has_a_page_of_its_own(client, message):
    response = client.get(share_path(message))

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<h1 class="govuk-heading-l rpw-card__recipient">Thanks to: PC 1234 and the Hatfield team</h1>'
        in html
    )
    assert "Thank you for staying with my dad<br>until the ambulance came." in html
    assert "From Sam" in html and "Hertfordshire Constabulary, Hatfield" in html
    assert 'class="rpw-card__force rpw-force--hertfordshire"' in html
    assert '<link rel="stylesheet" href="/thanks/forces.css">' in html
    assert 'href="/thanks/hertfordshire/" class="govuk-back-link"' in html
    assert 'href="/thanks/new/?force=hertfordshire"' in html


def test_the_page_carries_open_graph_and_twitter_card_meta(client, message):
    html = client.get(share_path(message)).content.decode()

    url = f"http://testserver/thanks/hertfordshire/{message.pk}/"
    tags = meta(html)
    assert tags["og:title"] == "Thanks to: PC 1234 and the Hatfield team – Hertfordshire Constabulary"
    assert tags["og:description"] == "Thank you for staying with my dad until the ambulance came."
    assert tags["description"] == tags["og:description"]
    assert tags["og:url"] == tags["canonical"] == url
    assert tags["og:type"] == "article"
    assert tags["og:locale"] == "en_GB"
    assert tags["og:site_name"] == "Response Policing Wellbeing & Recognition Week"
    assert tags["twitter:card"] == "summary"
    assert tags["twitter:title"] == tags["og:title"]
    assert tags["twitter:description"] == tags["og:description"]
    assert tags["robots"] == "noindex"
    assert "og:image" not in tags and "twitter:image" not in tags  # no crest, no raster site image
    assert (
        f'<link rel="alternate" hreflang="cy" href="http://testserver/cy/thanks/hertfordshire/{message.pk}/">'
        in html
    )


def test_a_long_message_is_cut_short_in_the_description(client, force_hub, publish):
    long = publish(force_hub, body="Thank you " * 60)

    description = meta(client.get(share_path(long)).content.decode())["og:description"]

    assert len(description) == 200 and description.endswith("…")


def test_a_forces_crest_is_the_share_image(client, force_hub, publish):
    ForceHubPage.objects.filter(pk=force_hub.pk).update(
        logo=ImageFactory(), logo_alt_text="The Hertfordshire Constabulary crest"
    )
    message = publish(force_hub)

    html = client.get(share_path(message)).content.decode()

    tags = meta(html)
    assert re.fullmatch(r"http://testserver/media/images/.+\.max-600x600\.[a-z]+", tags["og:image"])
    assert tags["twitter:image"] == tags["og:image"]
    assert tags["og:image:alt"] == tags["twitter:image:alt"] == "The Hertfordshire Constabulary crest"
    # On the page itself the crest is decoration beside the force's name.
    crest = re.search(r'<img [^>]*class="rpw-card__crest"[^>]*>', html).group(0)
    assert 'alt=""' in crest


def test_the_welsh_page_speaks_welsh(client, other_force_hub, publish):
    message = publish(other_force_hub, recipient="PC Jones")

    html = client.get(share_path(message, "/cy")).content.decode()

    assert '<html lang="cy"' in html
    tags = meta(html)
    assert tags["og:url"] == tags["canonical"] == f"http://testserver/cy/thanks/gwent/{message.pk}/"
    assert tags["og:locale"] == "cy_GB"
    assert tags["og:title"].endswith("– Heddlu Gwent")
    assert "Heddlu Gwent" in html
    assert 'href="/cy/thanks/gwent/" class="govuk-back-link"' in html


def test_the_link_to_copy_is_on_the_page_and_the_buttons_wait_for_the_script(client, message):
    html = client.get(share_path(message)).content.decode()

    url = f"http://testserver/thanks/hertfordshire/{message.pk}/"
    assert re.search(
        rf'<input class="govuk-input rpw-share__url" id="share-url"[^>]* value="{url}" readonly', html
    )
    assert '<div class="govuk-button-group rpw-share__actions" data-rpw-share hidden>' in html
    assert '<script src="/static/js/wall.js" defer></script>' in html
    assert "<script>" not in html and " style=" not in html


def test_the_page_shows_more_thanks_to_the_force_and_counts_them(client, force_hub, other_force_hub, publish):
    first = publish(force_hub, recipient="PC First")
    for n in range(4):
        publish(force_hub, recipient=f"PC More {n}")
    publish(other_force_hub, recipient="PC Gwent")

    html = client.get(share_path(first)).content.decode()

    more = re.findall(r'rpw-card__recipient">Thanks to: (.*?)</h3>', html)
    assert more == ["PC More 3", "PC More 2", "PC More 1"]
    assert "See all 5 messages of thanks to Hertfordshire Constabulary" in html


def test_a_hostile_message_is_escaped_in_the_page_and_its_meta(client, force_hub, publish):
    hostile = publish(
        force_hub,
        recipient='"><script>window.__xss=1</script>',
        body='" onload="window.__xss=1" <img src=x>',
        from_name="<b>Eve</b>",
    )

    html = client.get(share_path(hostile)).content.decode()

    assert "<script>window" not in html and "<img src=x" not in html and "<b>Eve" not in html
    assert 'content="&quot; onload=&quot;window.__xss=1&quot; &lt;img src=x&gt;"' in html
    assert meta(html)["og:title"].startswith('Thanks to: "><script>')


# ---- only what the public may see ----


@pytest.mark.parametrize("status", [MessageStatus.PENDING, MessageStatus.REJECTED, MessageStatus.WITHDRAWN])
def test_a_message_the_public_may_not_see_has_no_page(client, force_hub, status):
    hidden = MessageFactory(force=force_hub, status=status)

    assert client.get(share_path(hidden)).status_code == 404
    assert client.get(share_path(hidden, "/cy")).status_code == 404


def test_a_paused_forces_message_has_no_page(client, message, after_commit):
    with after_commit():
        ForceRecognitionSettings.objects.create(force=message.force, paused=True)

    assert client.get(share_path(message)).status_code == 404


def test_no_message_has_a_page_while_every_wall_is_paused(client, message, after_commit):
    with after_commit():
        national = NationalWallSettings.load()
        national.paused = True
        national.save()

    assert client.get(share_path(message)).status_code == 404


def test_a_message_of_an_unpublished_force_has_no_page(client, message, after_commit):
    with after_commit():
        ForceHubPage.objects.get(pk=message.force_id).unpublish()

    assert client.get(share_path(message)).status_code == 404


def test_a_message_is_found_only_under_its_own_force(client, message, other_force_hub):
    assert client.get(f"/thanks/gwent/{message.pk}/").status_code == 404
    assert client.get(f"/thanks/nowhere/{message.pk}/").status_code == 404


@pytest.mark.parametrize("take_down", ["withdraw", "reject"])
def test_a_message_taken_down_leaves_its_page_at_once(client, message, moderator, after_commit, take_down):
    path = share_path(message)
    first = client.get(path)
    assert client.get(path, headers={"If-None-Match": first["ETag"]}).status_code == 304  # kept

    with after_commit():
        if take_down == "withdraw":
            withdraw_message(token=WITHDRAW_TOKEN)
        else:
            reject_message(message=message, user=moderator, reason="other")

    assert client.get(path, headers={"If-None-Match": first["ETag"]}).status_code == 404
    assert client.get(path).status_code == 404
    assert client.get(share_path(message, "/cy")).status_code == 404


def test_an_edit_shows_on_the_page_at_once(client, message, moderator, after_commit):
    path = share_path(message)
    client.get(path)
    with after_commit():
        edit_and_approve_message(
            message=message, user=moderator, body="Thank you, all of you.", recipient="The team", from_name=""
        )

    html = client.get(path).content.decode()

    assert "Thank you, all of you." in html and "until the ambulance came" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/thanks/hertfordshire/0/",
        "/thanks/hertfordshire/01/",
        "/thanks/hertfordshire/-1/",
        "/thanks/hertfordshire/1x/",
    ],
)
def test_a_malformed_message_address_is_404(client, message, path):
    assert client.get(path).status_code == 404


def test_a_message_id_at_the_length_limit_is_looked_up_and_past_it_is_not_routed(client, message):
    assert resolve("/thanks/hertfordshire/999999999999/").url_name == "wall_message"  # 12 digits
    assert client.get("/thanks/hertfordshire/999999999999/").status_code == 404  # no such message
    # 13 digits: past the share page's pattern, on to Wagtail's pages, which have none such
    assert resolve("/thanks/hertfordshire/1000000000000/").url_name != "wall_message"
    assert client.get("/thanks/hertfordshire/1000000000000/").status_code == 404


def test_a_force_slug_past_its_limit_is_not_routed(message):
    assert resolve(f"/thanks/{'x' * 100}/{message.pk}/").url_name == "wall_message"
    assert resolve(f"/thanks/{'x' * 101}/{message.pk}/").url_name != "wall_message"


# ---- caching and queries ----


def test_anonymous_visitors_get_a_short_public_cache_and_editors_a_private_page(client, message):
    anonymous = client.get(share_path(message))
    assert anonymous["Cache-Control"] == "public, max-age=5"
    assert anonymous["ETag"].startswith('W/"')

    client.cookies["sessionid"] = "not-a-session"
    signed_in = client.get(share_path(message))
    assert "private" in signed_in["Cache-Control"] and "public" not in signed_in["Cache-Control"]


def test_a_poll_with_the_current_tag_is_a_304_with_no_query(client, message, django_assert_num_queries):
    etag = client.get(share_path(message))["ETag"]

    with django_assert_num_queries(0):
        assert client.get(share_path(message), headers={"If-None-Match": etag}).status_code == 304


@pytest.mark.parametrize("others", [0, 30])
def test_the_page_runs_a_fixed_number_of_queries(
    client, force_hub, other_force_hub, national_settings, django_assert_num_queries, others
):
    ForceHubPage.objects.filter(pk=force_hub.pk).update(logo=ImageFactory(), logo_alt_text="Crest")
    hatfield = force_hub.stations.get(slug="hatfield")
    shared = MessageFactory(force=force_hub, station=hatfield, published=True)
    for n in range(others):
        MessageFactory(
            force=(force_hub, other_force_hub)[n % 2],
            station=hatfield if n % 2 == 0 else None,
            published=True,
        )
    client.get(share_path(shared))  # renditions made once, as on a running site
    cache.clear()

    # version, national pause, the message with its force and station, the logo and its
    # renditions, the force's other thanks, their count
    with django_assert_num_queries(7):
        assert client.get(share_path(shared)).status_code == 200
    with django_assert_num_queries(6):  # the version is cached now
        assert client.get(share_path(shared, "/cy")).status_code == 200


# ---- the cards link here ----


def test_the_hubs_recent_thanks_cards_link_to_their_pages(force_hub, publish):
    message = publish(force_hub)
    block = RecentThanksBlock()

    html = block.render(
        block.to_python({"heading": "Recent thanks", "count": 3}), context={"page": force_hub}
    )

    assert f'href="/thanks/hertfordshire/{message.pk}/">Share' in html
    assert 'class="rpw-card__force rpw-force--hertfordshire"' in html
    assert "<img" not in html  # the block fetches no logos: no query per card
