"""What the public sees on the national home, a force hub, a case study and a resource library."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import Locale

from home.models import ForceHubPage, ResourceLibraryPage
from tests.conftest import fill_hub_with_every_block
from tests.factories import (
    CaseStudyPageFactory,
    ForceEventFactory,
    ForceSupportContactFactory,
    MessageFactory,
    NationalEventFactory,
    NationalSupportContactFactory,
    ResourceFactory,
    ResourceLibraryPageFactory,
)


def _html(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_a_hub_with_every_block_renders_each_of_them(client, force_hub):
    fill_hub_with_every_block(force_hub)
    MessageFactory(force=force_hub, published=True, recipient="PC Smith")

    html = _html(client, "/hertfordshire/")

    assert "<h2>Our week</h2>" in html
    assert "DCC Serena Kennedy, NPCC lead for Response Policing" in html
    assert 'alt="The wellbeing van parked outside Hatfield police station"' in html
    assert 'alt="Hertfordshire Constabulary badge"' in html
    assert 'href="https://www.oscarkilo.org.uk/">Visit Oscar Kilo</a>' in html
    assert "Wellbeing van visit" in html
    assert "Resilience toolkit" in html
    assert 'href="/hertfordshire/special-constable-daniel-cook/"' in html
    assert 'href="tel:01632960101"' in html
    assert 'href="tel:116123"' in html
    assert "PC Smith" in html
    assert '<link rel="stylesheet" href="/accent/1d3a6e.css">' in html


def test_a_hub_without_schedule_or_support_blocks_still_shows_both(client, force_hub):
    ForceEventFactory(page=force_hub, title="Wellbeing van at Hatfield")
    ForceSupportContactFactory(page=force_hub)

    html = _html(client, "/hertfordshire/")

    assert "What's on" in html
    assert "Wellbeing van at Hatfield" in html
    assert 'id="support"' in html
    assert 'href="tel:01632960101"' in html


def test_each_event_and_the_week_link_to_their_calendar_files(client, force_hub):
    event = ForceEventFactory(page=force_hub)

    html = _html(client, "/hertfordshire/")

    assert 'href="/hertfordshire/calendar/"' in html
    assert f'href="/hertfordshire/calendar/{event.pk}/"' in html


def test_todays_events_come_first_and_past_ones_are_tucked_away(client, force_hub):
    def at(days):
        day = timezone.localdate() + datetime.timedelta(days=days)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))

    ForceEventFactory(page=force_hub, title="Visit yesterday", starts_at=at(-1))
    ForceEventFactory(page=force_hub, title="Visit tomorrow", starts_at=at(1))
    ForceEventFactory(page=force_hub, title="Visit today", starts_at=at(0))

    html = _html(client, "/hertfordshire/")

    assert html.index("Visit today") < html.index("Visit tomorrow") < html.index("Events that have already")
    assert html.index("Events that have already happened") < html.index("Visit yesterday")
    assert "Today, " in html


@pytest.mark.parametrize(
    ("starts", "ends", "text"),
    [(10, 16, "Coming soon"), (-1, 5, "On now"), (-10, -4, "The week has ended")],
)
def test_the_banner_says_whether_the_week_is_coming_on_now_or_past(client, force_hub, starts, ends, text):
    today = timezone.localdate()
    force_hub.week_starts = today + datetime.timedelta(days=starts)
    force_hub.week_ends = today + datetime.timedelta(days=ends)
    force_hub.save()

    assert text in _html(client, "/hertfordshire/")


def test_the_national_home_has_the_week_its_events_resources_forces_and_thanks(
    client, home_page, force_hub, other_force_hub, topics
):
    NationalEventFactory(page=home_page, title="#WECOPS response policing conversation")
    NationalSupportContactFactory(page=home_page)
    ResourceFactory(title="Self-care toolkit")
    ResourceFactory(title="Hertfordshire only", force=force_hub)
    ResourceLibraryPageFactory(parent=home_page)
    MessageFactory.create_batch(2, force=force_hub, published=True)
    MessageFactory(force=force_hub)

    html = _html(client, "/")

    assert "#WECOPS response policing conversation" in html
    assert "Self-care toolkit" in html
    assert "Hertfordshire only" not in html
    assert 'href="/resources/"' in html
    assert re.search(r"<strong>2</strong>\s+thank-yous from the public", html)
    assert 'href="/thanks/new/"' in html
    assert "Thank an officer" in html
    assert 'href="tel:116123"' in html


def test_the_welsh_home_lists_every_force_and_links_to_the_welsh_form(client, home_page, force_hub):
    welsh_home = home_page.copy_for_translation(Locale.objects.get(language_code="cy"))
    welsh_home.save_revision().publish()

    html = _html(client, "/cy/")

    assert "Hertfordshire Constabulary" in html
    assert 'href="/cy/thanks/new/"' in html


def test_a_case_study_shows_the_story_as_consented_and_where_to_get_support(client, force_hub):
    ForceSupportContactFactory(page=force_hub)
    CaseStudyPageFactory(
        parent=force_hub,
        title="Special Constable Daniel Cook",
        story="<p>Two days really are never the same.</p>",
        pull_quote="An incredibly rewarding feeling.",
    )

    html = _html(client, "/hertfordshire/special-constable-daniel-cook/")

    assert '<h1 class="govuk-heading-xl">Special Constable Daniel Cook</h1>' in html
    assert "Welwyn Hatfield Intervention Team" in html
    assert "Two days really are never the same." in html
    assert "An incredibly rewarding feeling." in html
    assert 'href="tel:01632960101"' in html
    assert 'href="/hertfordshire/"' in html
    assert "2021" not in html.split("Published by")[0]


def test_a_draft_case_study_is_not_listed_on_its_hub(client, force_hub):
    CaseStudyPageFactory(parent=force_hub, title="Draft story", live=False, consent_recorded_on=None)

    assert "Draft story" not in _html(client, "/hertfordshire/")


def test_the_resource_library_filters_by_topic_and_kind_without_javascript(client, home_page, topics):
    ResourceLibraryPageFactory(parent=home_page)
    ResourceFactory(title="Sleep webinar", kind="webinar_recording", topics=["sleep"])
    ResourceFactory(title="Sleep toolkit", kind="toolkit", topics=["sleep"])
    ResourceFactory(title="Money guide", kind="guide", topics=["financial"])

    everything = _html(client, "/resources/")
    sleep = _html(client, "/resources/?topic=sleep")
    webinars = _html(client, "/resources/?topic=sleep&kind=webinar_recording")

    assert all(title in everything for title in ("Sleep webinar", "Sleep toolkit", "Money guide"))
    assert "Money guide" not in sleep and "Sleep toolkit" in sleep
    assert "Sleep webinar" in webinars and "Sleep toolkit" not in webinars
    assert '<form class="rpw-filters" method="get"' in everything
    assert '<option value="sleep" selected>' in sleep


def test_the_resource_library_finds_resources_with_wagtail_search(client, home_page, topics):
    ResourceLibraryPageFactory(parent=home_page)
    ResourceFactory(title="Fatigue on response", summary="Spotting tiredness on shift.")
    ResourceFactory(title="Money guide", summary="Budgeting.")

    html = _html(client, "/resources/?q=fatigue")

    assert "Fatigue on response" in html
    assert "Money guide" not in html


def test_an_unknown_filter_is_ignored_not_an_error(client, home_page, topics):
    ResourceLibraryPageFactory(parent=home_page)
    ResourceFactory(title="Self-care toolkit")

    assert "Self-care toolkit" in _html(client, "/resources/?topic=nonsense&kind=nonsense&page=99")


def test_a_force_library_lists_national_resources_and_the_forces_own(
    client, force_hub, other_force_hub, topics
):
    ResourceLibraryPageFactory(parent=force_hub)
    ResourceFactory(title="National toolkit")
    ResourceFactory(title="Hertfordshire guide", force=force_hub)
    ResourceFactory(title="Gwent guide", force=other_force_hub)

    html = _html(client, "/hertfordshire/resources/")

    assert "National toolkit" in html and "Hertfordshire guide" in html
    assert "Gwent guide" not in html


def test_a_resource_library_lives_once_under_the_home_or_a_hub(home_page, force_hub):
    ResourceLibraryPageFactory(parent=force_hub)

    assert ResourceLibraryPage.can_create_at(home_page)
    assert not ResourceLibraryPage.can_create_at(force_hub)
    assert ResourceLibraryPage.allowed_subpage_models() == []
    assert set(ForceHubPage.allowed_subpage_models()) >= {ResourceLibraryPage}


def test_rich_pages_have_no_inline_script_or_style(client, force_hub):
    fill_hub_with_every_block(force_hub)
    ResourceLibraryPageFactory(parent=force_hub)

    for path in (
        "/",
        "/hertfordshire/",
        "/hertfordshire/special-constable-daniel-cook/",
        "/hertfordshire/resources/",
    ):
        html = _html(client, path)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\sstyle=", html), path
        assert "<style" not in html, path
