"""The body's blocks: each renders on its own, and the choosers validate what editors give."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError

from home.blocks import BodyBlock, CallToActionBlock, CaseStudyTeaserBlock, ImageWithCaptionBlock, QuoteBlock
from tests.factories import CaseStudyPageFactory, ImageFactory

BODY = BodyBlock()


def _render(block, raw: dict, context=None) -> str:
    return block.render(block.to_python(raw), context or {})


def test_a_quote_names_who_said_it_and_their_role():
    html = _render(
        QuoteBlock(), {"quote": "We are always listening.", "name": "CC Andy Rhodes", "role": "NPCC"}
    )

    assert "<blockquote" in html
    assert "We are always listening." in html
    assert "CC Andy Rhodes, NPCC" in html


def test_a_quote_without_a_role_shows_the_name_alone():
    html = _render(QuoteBlock(), {"quote": "Thank you.", "name": "Kirsty", "role": ""})

    assert ">Kirsty</figcaption>" in html


def test_an_image_carries_its_alt_text_and_caption(db):
    image = ImageFactory()

    html = _render(
        ImageWithCaptionBlock(), {"image": image.pk, "alt_text": "The van", "caption": "At Hatfield"}
    )

    assert 'alt="The van"' in html
    assert "At Hatfield</figcaption>" in html


def test_an_image_needs_alt_text(db):
    block = ImageWithCaptionBlock()

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": ImageFactory().pk, "alt_text": "", "caption": ""}))


def test_images_of_a_stream_come_with_their_renditions(db, django_assert_num_queries):
    images = [ImageFactory(), ImageFactory()]
    stream = BODY.to_python(
        [{"type": "image", "value": {"image": image.pk, "alt_text": "x", "caption": ""}} for image in images]
    )

    with django_assert_num_queries(2):
        loaded = [child.value["image"] for child in stream]

    assert [image.pk for image in loaded] == [image.pk for image in images]
    assert all(hasattr(image, "prefetched_renditions") for image in loaded)


def test_a_call_to_action_links_to_its_web_address():
    html = _render(
        CallToActionBlock(),
        {
            "heading": "Join us",
            "text": "",
            "button_label": "Join",
            "page": None,
            "url": "https://www.polfed.org/",
        },
    )

    assert (
        '<a class="govuk-button rpw-call-to-action__button" href="https://www.polfed.org/">Join</a>' in html
    )


def test_a_call_to_action_links_to_its_page(force_hub):
    block = CallToActionBlock()

    value = block.to_python(
        {"heading": "Our hub", "text": "", "button_label": "Go", "page": force_hub.pk, "url": ""}
    )

    assert value.href == "/hertfordshire/"


@pytest.mark.parametrize(
    "link", [{"page": None, "url": ""}, {"page": "page", "url": "https://www.polfed.org/"}]
)
def test_a_call_to_action_needs_exactly_one_link(force_hub, link):
    block = CallToActionBlock()
    raw = {"heading": "Join", "text": "", "button_label": "Join", **link}
    if raw["page"] == "page":
        raw["page"] = force_hub.pk

    with pytest.raises(ValidationError):
        block.clean(block.to_python(raw))


def test_a_case_study_teaser_links_to_a_live_story_only(rf, force_hub):
    live = CaseStudyPageFactory(parent=force_hub, title="PC Ana")
    draft = CaseStudyPageFactory(parent=force_hub, title="PC Draft", live=False)
    request = rf.get("/")

    shown = _render(CaseStudyTeaserBlock(), {"case_study": live.pk}, {"request": request})
    hidden = _render(CaseStudyTeaserBlock(), {"case_study": draft.pk}, {"request": request})

    assert 'href="/hertfordshire/pc-ana/"' in shown
    assert "Two days really are never the same." in shown
    assert hidden.strip() == ""


def test_rich_text_renders_in_the_sites_type_scale():
    html = BODY.child_blocks["rich_text"].render(
        BODY.child_blocks["rich_text"].to_python("<h2>Our week</h2>")
    )

    assert '<div class="rpw-prose"><h2>Our week</h2></div>' in html


@pytest.mark.parametrize("name", ["event_schedule", "support", "recent_thanks"])
def test_blocks_that_show_the_whole_page_may_appear_once(db, name):
    default = BODY.child_blocks[name].get_default()
    stream = BODY.to_python([{"type": name, "value": BODY.child_blocks[name].get_prep_value(default)}] * 2)

    with pytest.raises(StreamBlockValidationError):
        BODY.clean(stream)


@pytest.mark.parametrize(
    "name", [name for name, block in BODY.child_blocks.items() if block.get_preview_value()]
)
def test_every_block_with_a_preview_renders_it_without_a_page(db, name):
    block = BODY.child_blocks[name]

    assert block.render(block.get_preview_value(), {})
