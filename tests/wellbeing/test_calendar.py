"""The .ics downloads, read back with a real iCalendar parser."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.factories import ForceEventFactory, NationalEventFactory
from wellbeing.models import EventKind

LONDON = ZoneInfo("Europe/London")


def _events(response):
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


@pytest.fixture
def week_events(force_hub):
    return [
        ForceEventFactory(page=force_hub, title="Wellbeing van at Hatfield"),
        ForceEventFactory(
            page=force_hub,
            kind=EventKind.WEBINAR,
            title="Sleep, fatigue; and resilience",
            station=None,
            online_url="https://www.oscarkilo.org.uk/",
            description="Line one, with a comma\nLine two; with a semicolon and a \\ backslash",
            starts_at=datetime.datetime(2027, 3, 16, 12, 30, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2027, 3, 16, 13, 30, tzinfo=datetime.UTC),
        ),
    ]


def test_the_whole_week_downloads_as_a_calendar_apps_accept(client, week_events):
    response = client.get("/hertfordshire/calendar/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="hertfordshire.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"])
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [
        "Wellbeing van at Hatfield",
        "Sleep, fatigue; and resilience",
    ]


def test_times_are_in_uk_time_with_the_timezone_described(client, week_events):
    response = client.get("/hertfordshire/calendar/")

    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert b"DTSTART;TZID=Europe/London:20270315T090000" in response.content
    first = calendar.walk("VEVENT")[0]
    assert first.start == week_events[0].starts_at
    assert first.end == week_events[0].ends_at
    assert first.start.tzinfo.key == "Europe/London"


def test_summer_events_are_written_in_british_summer_time(client, force_hub):
    ForceEventFactory(page=force_hub, starts_at=datetime.datetime(2027, 6, 16, 9, tzinfo=datetime.UTC))

    response = client.get("/hertfordshire/calendar/")

    assert b"DTSTART;TZID=Europe/London:20270616T100000" in response.content


def test_text_is_escaped_and_reads_back_unchanged(client, week_events):
    response = client.get("/hertfordshire/calendar/")

    assert rb"SUMMARY:Sleep\, fatigue\; and resilience" in response.content
    webinar = _events(response)[1]
    assert str(webinar["summary"]) == "Sleep, fatigue; and resilience"
    assert str(webinar["description"]).startswith(week_events[1].description)
    assert "No booking needed." in str(webinar["description"])
    assert str(webinar["location"]) == "Online"


def test_each_event_has_a_stable_uid_and_a_utc_stamp(client, week_events):
    first, second = (
        _events(client.get("/hertfordshire/calendar/")),
        _events(client.get("/hertfordshire/calendar/")),
    )

    assert [str(event["uid"]) for event in first] == [str(event["uid"]) for event in second]
    assert str(first[0]["uid"]) == f"{week_events[0].uid}@response-policing-week"
    stamp = first[0].decoded("dtstamp")
    assert stamp.utcoffset() == datetime.timedelta(0)
    assert str(first[0]["location"]) == "Welwyn Garden City"


def test_one_event_downloads_on_its_own_with_the_same_uid(client, week_events):
    event = week_events[0]

    response = client.get(f"/hertfordshire/calendar/{event.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="hertfordshire-wellbeing-van-at-hatfield.ics"'
    )
    [only] = _events(response)
    assert str(only["uid"]) == f"{event.uid}@response-policing-week"
    assert str(only["url"]) == "http://localhost/hertfordshire/"


def test_another_forces_event_is_not_in_this_hubs_calendar(client, force_hub, other_force_hub):
    theirs = ForceEventFactory(page=other_force_hub, station=None, online_url="https://www.oscarkilo.org.uk/")

    assert client.get(f"/hertfordshire/calendar/{theirs.pk}/").status_code == 404
    assert client.get(f"/gwent/calendar/{theirs.pk}/").status_code == 200


def test_the_national_events_download_from_the_national_home(client, home_page):
    NationalEventFactory(page=home_page, title="#WECOPS response policing conversation")

    response = client.get("/calendar/")

    assert response.status_code == 200
    assert [str(event["summary"]) for event in _events(response)] == [
        "#WECOPS response policing conversation"
    ]


def test_a_week_without_events_is_an_empty_but_valid_calendar(client, force_hub):
    response = client.get("/hertfordshire/calendar/")

    assert response.status_code == 200
    assert _events(response) == []
