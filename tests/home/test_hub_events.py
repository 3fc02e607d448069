"""Events on a hub are published once each, however the editor's form reached the server, and an
event dated outside the force's week is kept only when the editor says so.

The duplicate came from Wagtail's autosave: on a hub that is not live, each background save writes
the events to the database and answers with the new rows' ids for the open form to take up. When
the form does not take them up (Wagtail #14568), or a later session replays the same post, the next
save inserted the same event again, and publishing kept both."""

import pytest

from tests.factories import ForceEventFactory
from wellbeing.models import ForceEvent

from .admin_forms import event_row, hub_form

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def _new_event(hub, **fields) -> dict:
    row = {
        "id": "",
        "kind": "van_visit",
        "title": "Wellbeing van at Hatfield",
        "starts_at": "2027-03-16 09:00",
        "ends_at": "2027-03-16 12:00",
        "station": hub.stations.get(slug="hatfield").pk,
        "online_url": "",
        "description": "",
        "booking_details": "No booking needed.",
    }
    row.update(fields)
    return row


def _edit_url(hub) -> str:
    return f"/admin/pages/{hub.pk}/edit/"


@pytest.fixture
def draft_hub(force_hub):
    """A hub that is not live, as a new force's hub is until its first publication: Wagtail then
    writes each save, autosave included, to the database."""
    force_hub.unpublish()
    force_hub.refresh_from_db()
    assert not force_hub.live
    return force_hub


def test_an_autosave_replayed_without_its_field_updates_keeps_one_event(client, force_editor, draft_hub):
    client.force_login(force_editor)
    post = hub_form(draft_hub, events=[_new_event(draft_hub)], action="action-save")

    first = client.post(_edit_url(draft_hub), post, **AUTOSAVE)
    assert first.status_code == 200 and first.json()["success"], first.content[:300]
    event = ForceEvent.objects.get(page=draft_hub)
    assert first.json()["field_updates"]["events-0-id"] == str(event.pk)

    # The open form missed the id and posts the same again, then once more.
    second = client.post(_edit_url(draft_hub), post, **AUTOSAVE)
    third = client.post(_edit_url(draft_hub), post, **AUTOSAVE)

    assert second.json()["success"] and third.json()["success"]
    assert list(ForceEvent.objects.filter(page=draft_hub).values_list("pk", flat=True)) == [event.pk]
    assert third.json()["field_updates"]["events-0-id"] == str(event.pk)

    published = client.post(_edit_url(draft_hub), hub_form(draft_hub, events=[_new_event(draft_hub)]))
    assert published.status_code == 302
    draft_hub.refresh_from_db()
    assert draft_hub.live
    assert [e.title for e in draft_hub.events.all()] == ["Wellbeing van at Hatfield"]
    assert ForceEvent.objects.get(page=draft_hub).uid == event.uid


def test_a_second_session_publishing_an_abandoned_autosave_publishes_its_event_once(
    client, force_editor, force_hub
):
    client.force_login(force_editor)
    abandoned = client.post(
        _edit_url(force_hub),
        hub_form(force_hub, events=[_new_event(force_hub)], action="action-save"),
        **AUTOSAVE,
    )
    assert abandoned.json()["success"]
    assert not ForceEvent.objects.filter(page=force_hub).exists()  # a live hub's draft is only a revision

    # The next session opens the editor: the draft's event is in the form, without an id.
    page = client.get(_edit_url(force_hub)).content.decode()
    assert 'value="Wellbeing van at Hatfield"' in page
    assert 'name="events-INITIAL_FORMS" value="1"' in page

    force_hub.refresh_from_db()
    rows = [event_row(event) for event in force_hub.get_latest_revision_as_object().events.all()]
    assert [row["id"] for row in rows] == [""]
    post = hub_form(force_hub, events=rows)
    post["events-INITIAL_FORMS"] = "1"  # as the open form has it
    published = client.post(_edit_url(force_hub), post)

    assert published.status_code == 302
    assert [e.title for e in ForceEvent.objects.filter(page=force_hub)] == ["Wellbeing van at Hatfield"]


def test_the_same_event_listed_twice_is_refused_and_nothing_is_published(client, force_editor, force_hub):
    client.force_login(force_editor)
    twice = [_new_event(force_hub), _new_event(force_hub)]

    response = client.post(_edit_url(force_hub), hub_form(force_hub, events=twice))

    assert response.status_code == 200
    assert (
        "This event is listed twice (the same as event 1): remove one of them." in response.content.decode()
    )
    assert not ForceEvent.objects.filter(page=force_hub).exists()


def test_an_event_added_again_beside_its_saved_self_is_refused(client, force_editor, force_hub):
    saved = ForceEventFactory(
        page=force_hub, station=force_hub.stations.get(slug="hatfield"), title="Wellbeing van at Hatfield"
    )
    client.force_login(force_editor)
    again = {**event_row(saved), "id": ""}

    response = client.post(_edit_url(force_hub), hub_form(force_hub, events=[event_row(saved), again]))

    assert response.status_code == 200
    assert "This event is listed twice" in response.content.decode()
    assert ForceEvent.objects.filter(page=force_hub).count() == 1


def test_two_events_that_differ_only_in_time_are_both_kept(client, force_editor, force_hub):
    client.force_login(force_editor)
    morning = _new_event(force_hub)
    afternoon = _new_event(force_hub, starts_at="2027-03-16 13:00", ends_at="2027-03-16 16:00")

    response = client.post(_edit_url(force_hub), hub_form(force_hub, events=[morning, afternoon]))

    assert response.status_code == 302
    assert ForceEvent.objects.filter(page=force_hub).count() == 2


def test_a_new_event_outside_the_week_asks_to_be_confirmed(client, force_editor, force_hub):
    client.force_login(force_editor)
    in_may = _new_event(force_hub, starts_at="2027-05-11 10:00", ends_at="2027-05-11 11:00")

    refused = client.post(_edit_url(force_hub), hub_form(force_hub, events=[in_may]))

    assert refused.status_code == 200
    assert "This date is outside your week (15 March 2027 to 21 March 2027)." in refused.content.decode()
    assert not ForceEvent.objects.filter(page=force_hub).exists()

    confirmed = client.post(
        _edit_url(force_hub), hub_form(force_hub, events=[{**in_may, "outside_week": "on"}])
    )

    assert confirmed.status_code == 302
    assert ForceEvent.objects.get(page=force_hub).outside_week


def test_an_unchanged_event_outside_the_week_does_not_block_other_edits(client, force_editor, force_hub):
    # The week moved after the event was set: editing something else must not be refused for it.
    ForceEventFactory(page=force_hub, station=force_hub.stations.first())
    client.force_login(force_editor)

    response = client.post(
        _edit_url(force_hub), hub_form(force_hub, week_starts="2030-01-07", week_ends="2030-01-13")
    )

    assert response.status_code == 302
