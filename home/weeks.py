"""Where a week of action stands on a given day: coming, on now, or past."""

import datetime
from enum import StrEnum


class WeekStatus(StrEnum):
    COMING = "coming"
    ON = "on"
    PAST = "past"


def week_status(
    starts: datetime.date | None, ends: datetime.date | None, today: datetime.date
) -> WeekStatus | None:
    """None when the week has no dates yet."""
    if starts is None or ends is None:
        return None
    if today < starts:
        return WeekStatus.COMING
    if today > ends:
        return WeekStatus.PAST
    return WeekStatus.ON
