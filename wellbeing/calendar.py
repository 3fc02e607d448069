"""iCalendar (.ics) files for a hub's events: one event, or the whole week.

Times are written in Europe/London with its VTIMEZONE, so a calendar app anywhere shows the
event at the right UK time; each event's UID is stable, so downloading it again updates the
entry instead of duplicating it.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.http import HttpResponse
from django.utils import timezone

PRODUCT_ID = "-//Response Policing Wellbeing and Recognition Week//Events//EN"
UID_DOMAIN = "response-policing-week"
LONDON = ZoneInfo("Europe/London")


def _description(event) -> str:
    parts = [event.description, event.booking_details, event.online_url]
    return "\n\n".join(part for part in parts if part)


def calendar_event(event, *, stamp: datetime.datetime, url: str = "") -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", f"{event.uid}@{UID_DOMAIN}")
    component.add("dtstamp", stamp)
    component.add("dtstart", event.starts_at.astimezone(LONDON))
    component.add("dtend", event.ends_at.astimezone(LONDON))
    component.add("summary", event.title)
    component.add("location", event.place)
    component.add("categories", [str(event.get_kind_display())])
    if description := _description(event):
        component.add("description", description)
    if url:
        component.add("url", url)
    return component


def build_calendar(events: Iterable, *, name: str, url: str = "") -> bytes:
    """A VCALENDAR holding `events`; `url` is the page they are listed on."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().replace(microsecond=0)
    starts = []
    for event in events:
        calendar.add_component(calendar_event(event, stamp=stamp, url=url))
        starts.append(event.starts_at.date())
    if starts:
        # Only the transitions around the events, not every one since 1970.
        calendar.add_missing_timezones(
            first_date=min(starts) - datetime.timedelta(days=366),
            last_date=max(starts) + datetime.timedelta(days=366),
        )
    return calendar.to_ical()


def calendar_response(events: Iterable, *, name: str, filename: str, url: str = "") -> HttpResponse:
    """The calendar as a download that calendar apps open."""
    response = HttpResponse(
        build_calendar(events, name=name, url=url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
