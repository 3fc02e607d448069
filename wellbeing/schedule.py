"""The order in which a hub shows its events: grouped by day in UK time, today first, then the
days to come, then the days gone by. The hub is read before, during and after its week, and what
matters most is always at the top."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class ScheduleDay:
    date: datetime.date
    events: tuple
    is_today: bool
    is_past: bool


@dataclass(frozen=True)
class Schedule:
    """The days with events: `current` (today and later) is shown first, `past` after it."""

    days: list[ScheduleDay]

    def __bool__(self):
        return bool(self.days)

    @property
    def current(self) -> list[ScheduleDay]:
        return [day for day in self.days if not day.is_past]

    @property
    def past(self) -> list[ScheduleDay]:
        return [day for day in self.days if day.is_past]


def group_by_day(dated_events: Iterable[tuple[datetime.date, object]], today: datetime.date) -> list:
    """`(day, event)` pairs, already in time order, as `ScheduleDay`s: today's, then later days in
    date order, then earlier days in date order."""
    days = defaultdict(list)
    for day, event in dated_events:
        days[day].append(event)
    ordered = sorted(days)
    ordered = (
        [day for day in ordered if day == today]
        + [day for day in ordered if day > today]
        + [day for day in ordered if day < today]
    )
    return [ScheduleDay(day, tuple(days[day]), day == today, day < today) for day in ordered]


def schedule_for(events: Iterable, today: datetime.date | None = None) -> Schedule:
    """Events (anything with `starts_at`) grouped by the day they start on in the site's time zone."""
    events = sorted(events, key=lambda event: (event.starts_at, event.pk or 0))
    today = today or timezone.localdate()
    return Schedule(group_by_day(((timezone.localdate(event.starts_at), event) for event in events), today))
