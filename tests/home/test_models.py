import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import Page

from home.models import ForceHubPage, HomePage, StandardPage
from tests.factories import StandardPageFactory, StationFactory


def test_national_home_renders_every_force_grouped_by_nation(client, force_hub, other_force_hub):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Hertfordshire Constabulary" in html
    assert 'lang="cy">Heddlu Gwent<' in html
    assert (
        html.index("England") < html.index("Hertfordshire") < html.index("Wales") < html.index("Gwent Police")
    )


def test_force_hub_renders_with_its_stations(client, force_hub):
    response = client.get("/hertfordshire/")

    assert response.status_code == 200
    assert "Welwyn Garden City" in response.content.decode()


def test_standard_page_renders(client, home_page):
    StandardPageFactory(parent=home_page, body="<p>What we keep and why.</p>")

    response = client.get("/privacy/")

    assert response.status_code == 200
    assert "What we keep and why." in response.content.decode()


def test_the_national_home_lives_only_under_the_root_and_only_once(home_page):
    root = Page.get_first_root_node()

    assert HomePage.allowed_parent_page_models() == [Page]
    assert not HomePage.can_create_at(root)
    assert not HomePage.can_create_at(home_page)


def test_force_hubs_live_only_under_the_national_home(home_page, force_hub):
    root = Page.get_first_root_node()

    assert ForceHubPage.can_create_at(home_page)
    assert not ForceHubPage.can_create_at(root)
    assert not ForceHubPage.can_create_at(force_hub)


def test_standard_pages_go_under_the_home_or_a_hub_and_have_no_children(home_page, force_hub):
    page = StandardPageFactory(parent=force_hub, slug="about")

    assert StandardPage.can_create_at(home_page)
    assert StandardPage.can_create_at(force_hub)
    assert page.specific_class.allowed_subpage_models() == []


@pytest.mark.parametrize(
    ("starts", "ends", "message"),
    [
        (datetime.date(2027, 3, 21), datetime.date(2027, 3, 15), "cannot end before it starts"),
        (datetime.date(2027, 3, 15), None, "or neither"),
    ],
)
def test_a_week_must_have_both_dates_in_order(force_hub, starts, ends, message):
    force_hub.week_starts, force_hub.week_ends = starts, ends

    with pytest.raises(ValidationError, match=message):
        force_hub.full_clean()


def test_two_stations_of_one_force_cannot_share_a_slug(force_hub):
    with pytest.raises(IntegrityError), transaction.atomic():
        StationFactory(page=force_hub, name="Hatfield")
