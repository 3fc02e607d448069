"""Public pages cost a fixed number of queries, whatever their number of blocks, events and
resources. Each page is requested once first, so that renditions and Wagtail's cached site root
paths exist, as they do on a running site."""

import pytest

from tests.conftest import fill_hub_with_every_block
from tests.factories import (
    CaseStudyPageFactory,
    ForceHubPageFactory,
    MessageFactory,
    NationalEventFactory,
    NationalSupportContactFactory,
    ResourceFactory,
    ResourceLibraryPageFactory,
)

# Site, locale, routing (3 page queries, aliases, view restrictions), translations for the
# language links, then the page's own: events, contacts (force, national), resources and their
# topics, logo and body images with renditions, case studies with photo renditions, and the recent
# thanks block's own (recognition's: the walls' pause settings and the messages).
HUB_QUERIES = 25
HOME_QUERIES = 15
LIBRARY_QUERIES = 15
CASE_STUDY_QUERIES = 12

SMALL, LARGE = {"copies": 1, "events": 3, "resources": 3}, {"copies": 5, "events": 40, "resources": 30}


def _get_warm(client, path):
    assert client.get(path).status_code == 200
    return lambda: client.get(path)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["small", "large"])
def test_a_hub_with_every_block_runs_a_fixed_number_of_queries(
    client, force_hub, django_assert_num_queries, size
):
    fill_hub_with_every_block(force_hub, **size)
    MessageFactory.create_batch(3, force=force_hub, published=True)
    get = _get_warm(client, "/hertfordshire/")

    with django_assert_num_queries(HUB_QUERIES):
        response = get()

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 30], ids=["few", "many"])
def test_the_national_home_runs_a_fixed_number_of_queries(
    client, home_page, force_hub, django_assert_num_queries, size, topics
):
    for number in range(size):
        ForceHubPageFactory(parent=home_page, title=f"Constabulary {number}")
        NationalEventFactory(page=home_page)
        NationalSupportContactFactory(page=home_page)
        ResourceFactory(topics=["sleep"])
    ResourceLibraryPageFactory(parent=home_page)
    get = _get_warm(client, "/")

    with django_assert_num_queries(HOME_QUERIES):
        get()


@pytest.mark.parametrize("size", [1, 30], ids=["few", "many"])
def test_the_resource_library_runs_a_fixed_number_of_queries(
    client, home_page, force_hub, django_assert_num_queries, size, topics
):
    ResourceLibraryPageFactory(parent=force_hub)
    NationalSupportContactFactory(page=home_page)
    for number in range(size):
        ResourceFactory(force=force_hub if number % 2 else None, topics=["sleep", "resilience"])
    get = _get_warm(client, "/hertfordshire/resources/?topic=sleep")

    with django_assert_num_queries(LIBRARY_QUERIES):
        get()


def test_a_case_study_runs_a_fixed_number_of_queries(client, force_hub, django_assert_num_queries):
    fill_hub_with_every_block(force_hub)
    CaseStudyPageFactory(parent=force_hub, title="PC Kirsty")
    get = _get_warm(client, "/hertfordshire/pc-kirsty/")

    with django_assert_num_queries(CASE_STUDY_QUERIES):
        get()
