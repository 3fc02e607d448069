"""The hubs' "recent thanks" block reads what the wall reads, pauses included."""

from django.test import RequestFactory
from wagtail.models import Locale

from recognition.blocks import RecentThanksBlock
from recognition.models import ForceRecognitionSettings, NationalWallSettings
from tests.factories import MessageFactory


def _render(page, count=3):
    block = RecentThanksBlock()
    value = block.to_python({"heading": "Recent thanks", "count": count})
    return block.render(value, context={"page": page, "request": RequestFactory().get("/")})


def test_a_hub_shows_its_own_latest_published_thanks(force_hub, other_force_hub):
    MessageFactory(force=force_hub, published=True, body="Thanks to the Herts night shift")
    MessageFactory(force=force_hub, body="Still waiting for a moderator")
    MessageFactory(force=other_force_hub, published=True, body="Diolch to Gwent")

    html = _render(force_hub)

    assert "Thanks to the Herts night shift" in html
    assert "Still waiting for a moderator" not in html
    assert "Diolch to Gwent" not in html


def test_the_block_shows_at_most_count_messages(force_hub):
    for n in range(5):
        MessageFactory(force=force_hub, published=True, body=f"Thank you number {n} to the team")

    assert _render(force_hub, count=2).count('<article class="rpw-card"') == 2


def test_a_paused_force_shows_its_holding_message_instead(force_hub):
    MessageFactory(force=force_hub, published=True, body="Thanks to the Herts night shift")
    ForceRecognitionSettings.objects.create(
        force=force_hub, paused=True, holding_message="We are remembering PC Smith."
    )

    html = _render(force_hub)

    assert "We are remembering PC Smith." in html
    assert "Thanks to the Herts night shift" not in html


def test_a_national_pause_holds_every_hub(force_hub):
    MessageFactory(force=force_hub, published=True, body="Thanks to the Herts night shift")
    wall = NationalWallSettings.load()
    wall.paused, wall.holding_message = True, "All walls are paused today."
    wall.save()

    html = _render(force_hub)

    assert "All walls are paused today." in html
    assert "Thanks to the Herts night shift" not in html


def test_a_welsh_hub_shows_its_english_hubs_thanks(force_hub):
    MessageFactory(force=force_hub, published=True, body="Diolch yn fawr to the team")
    welsh_hub = force_hub.copy_for_translation(Locale.objects.get(language_code="cy"), copy_parents=True)

    assert "Diolch yn fawr to the team" in _render(welsh_hub)
