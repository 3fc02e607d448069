"""What a force editor may save on their hub through the page editor, and what is refused."""

import pytest

from home.models import ForceHubPage
from tests.factories import ForceEventFactory, StationFactory
from wellbeing.models import ForceEvent

from .admin_forms import hub_form


def _event(**fields) -> dict:
    row = {
        "id": "",
        "kind": "van_visit",
        "title": "Wellbeing van at Hatfield",
        "starts_at": "2027-03-15 09:00",
        "ends_at": "2027-03-15 12:00",
        "station": "",
        "online_url": "",
        "description": "",
        "booking_details": "No booking needed.",
    }
    row.update(fields)
    return row


def _edit(client, hub, **form):
    return client.post(f"/admin/pages/{hub.pk}/edit/", hub_form(hub, **form))


def test_an_editor_adds_an_event_at_one_of_their_stations(client, force_editor, force_hub):
    client.force_login(force_editor)
    hatfield = force_hub.stations.get(slug="hatfield")

    response = _edit(client, force_hub, events=[_event(station=hatfield.pk)])

    assert response.status_code == 302
    event = ForceEvent.objects.get(page=force_hub)
    assert (event.title, event.station, event.place) == ("Wellbeing van at Hatfield", hatfield, "Hatfield")


def test_an_event_that_ends_before_it_starts_is_refused(client, force_editor, force_hub):
    client.force_login(force_editor)
    station = force_hub.stations.first()

    response = _edit(client, force_hub, events=[_event(station=station.pk, ends_at="2027-03-15 08:00")])

    assert response.status_code == 200
    assert "The event must end after it starts." in response.content.decode()
    assert not ForceEvent.objects.exists()


def test_a_crafted_post_with_another_forces_station_is_refused(
    client, force_editor, force_hub, other_force_hub
):
    client.force_login(force_editor)
    theirs = StationFactory(page=other_force_hub, name="Newport Central")

    response = _edit(client, force_hub, events=[_event(station=theirs.pk)])

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ForceEvent.objects.exists()
    assert force_hub.get_latest_revision() is None


def test_the_station_choice_lists_only_the_forces_own_stations(
    client, force_editor, force_hub, other_force_hub
):
    StationFactory(page=other_force_hub, name="Newport Central")
    ForceEventFactory(page=force_hub)
    client.force_login(force_editor)

    html = client.get(f"/admin/pages/{force_hub.pk}/edit/").content.decode()

    assert "Hatfield" in html
    assert "Newport Central" not in html


def test_an_event_with_neither_station_nor_link_is_refused(client, force_editor, force_hub):
    client.force_login(force_editor)

    response = _edit(client, force_hub, events=[_event()])

    assert response.status_code == 200
    assert "Choose a station or give an online link." in response.content.decode()


@pytest.mark.parametrize(("colour", "saved"), [("#003d5b", True), ("#ffdd00", False), ("#777777", False)])
def test_the_accent_colour_is_checked_for_contrast_on_save(client, force_editor, force_hub, colour, saved):
    client.force_login(force_editor)

    response = _edit(client, force_hub, accent_colour=colour)

    assert (response.status_code == 302) is saved
    assert (ForceHubPage.objects.get(pk=force_hub.pk).accent_colour == colour) is saved
    if not saved:
        assert "it needs at least 4.5:1" in response.content.decode()


def test_a_logo_needs_its_alt_text(client, force_editor, force_hub):
    from tests.factories import ImageFactory

    client.force_login(force_editor)
    logo = ImageFactory()

    refused = _edit(client, force_hub, logo=logo.pk, logo_alt_text="")
    accepted = _edit(client, force_hub, logo=logo.pk, logo_alt_text="Hertfordshire Constabulary badge")

    assert refused.status_code == 200
    assert "Describe the logo" in refused.content.decode()
    assert accepted.status_code == 302
    assert ForceHubPage.objects.get(pk=force_hub.pk).logo == logo


def test_the_editor_opens_with_every_tab(client, force_editor, force_hub):
    client.force_login(force_editor)

    html = client.get(f"/admin/pages/{force_hub.pk}/edit/").content.decode()

    for tab in ("Content", "Week and events", "Force", "Promote"):
        assert tab in html


def test_the_national_team_opens_the_national_home_and_a_new_hub_in_the_editor(
    client, national_editor, home_page, verified_login
):
    verified_login(national_editor)

    home = client.get(f"/admin/pages/{home_page.pk}/edit/")
    new_hub = client.get(f"/admin/pages/add/home/forcehubpage/{home_page.pk}/")

    assert home.status_code == 200
    assert "national support contact" in home.content.decode().lower()
    assert new_hub.status_code == 200


def test_an_editor_previews_their_hub(client, force_editor, force_hub):
    client.force_login(force_editor)
    preview_url = f"/admin/pages/{force_hub.pk}/edit/preview/"

    assert client.post(preview_url, hub_form(force_hub, title="Herts preview")).json()["is_valid"]
    response = client.get(preview_url)

    assert response.status_code == 200
    assert "Herts preview" in response.content.decode()
