import datetime

import pytest

from home.weeks import WeekStatus, week_status

STARTS, ENDS = datetime.date(2027, 3, 15), datetime.date(2027, 3, 21)


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (datetime.date(2026, 11, 22), WeekStatus.COMING),
        (datetime.date(2027, 3, 14), WeekStatus.COMING),
        (STARTS, WeekStatus.ON),
        (datetime.date(2027, 3, 18), WeekStatus.ON),
        (ENDS, WeekStatus.ON),
        (datetime.date(2027, 3, 22), WeekStatus.PAST),
    ],
)
def test_a_week_is_coming_on_now_or_past(today, status):
    assert week_status(STARTS, ENDS, today) is status


def test_a_week_without_dates_has_no_status():
    assert week_status(None, None, STARTS) is None
