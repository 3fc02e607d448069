"""Wellbeing's blocks show what the page loaded, without querying."""

import pytest

from tests.factories import (
    ForceEventFactory,
    ForceSupportContactFactory,
    NationalSupportContactFactory,
    ResourceFactory,
)
from wellbeing.blocks import EventScheduleBlock, ResourceListBlock, SupportSignpostingBlock
from wellbeing.models import Resource
from wellbeing.schedule import schedule_for


def _render(block, raw: dict, context: dict) -> str:
    return block.render(block.to_python(raw), context)


@pytest.fixture
def page_resources(db, topics):
    ResourceFactory(title="Sleep webinar", kind="webinar_recording", topics=["sleep"])
    ResourceFactory(title="Sleep toolkit", kind="toolkit", topics=["sleep", "fatigue"])
    ResourceFactory(title="Money guide", kind="guide", topics=["financial"])
    return list(Resource.objects.for_display())


@pytest.mark.parametrize(
    ("topic", "kind", "count", "titles"),
    [
        ("", "", 6, ["Money guide", "Sleep toolkit", "Sleep webinar"]),
        ("sleep", "", 6, ["Sleep toolkit", "Sleep webinar"]),
        ("sleep", "toolkit", 6, ["Sleep toolkit"]),
        ("", "", 1, ["Money guide"]),
    ],
)
def test_a_resource_list_picks_from_the_pages_resources(
    page_resources, django_assert_num_queries, topic, kind, count, titles
):
    block = ResourceListBlock()
    value = block.to_python({"heading": "Resources", "topic": topic, "kind": kind, "count": count})

    with django_assert_num_queries(0):
        html = block.render(value, {"page_resources": page_resources})

    assert [title for title in ("Money guide", "Sleep toolkit", "Sleep webinar") if title in html] == titles


def test_a_resource_list_with_nothing_to_show_says_so():
    html = _render(ResourceListBlock(), {"heading": "Sleep", "topic": "sleep", "kind": "", "count": 3}, {})

    assert "No resources match yet." in html


def test_the_schedule_block_shows_the_pages_events(force_hub, django_assert_num_queries):
    event = ForceEventFactory(page=force_hub, title="Wellbeing van at Hatfield")
    schedule = schedule_for(force_hub.get_events())

    with django_assert_num_queries(0):
        html = _render(
            EventScheduleBlock(),
            {"heading": "Our week", "intro": ""},
            {"schedule": schedule, "calendar_url": "/hertfordshire/calendar/"},
        )

    assert "Our week</h2>" in html
    assert "Wellbeing van at Hatfield" in html
    assert f'href="/hertfordshire/calendar/{event.pk}/"' in html


def test_the_support_block_shows_force_and_national_contacts_as_tel_links(force_hub, home_page):
    support = {
        "force": [ForceSupportContactFactory(page=force_hub)],
        "national": [NationalSupportContactFactory(page=home_page)],
    }

    html = _render(SupportSignpostingBlock(), {"heading": "Need to talk?", "intro": ""}, {"support": support})

    assert "Need to talk?</h2>" in html
    assert html.index("In your force") < html.index("National support")
    assert 'href="tel:01632960101"' in html
    assert 'href="tel:116123"' in html
