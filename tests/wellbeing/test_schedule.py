import datetime
from types import SimpleNamespace

from wellbeing.schedule import group_by_day, schedule_for

MON, TUE, WED, THU = (datetime.date(2027, 3, day) for day in (15, 16, 17, 18))


def test_today_comes_first_then_the_days_to_come_then_the_days_gone():
    days = group_by_day([(MON, "a"), (TUE, "b"), (TUE, "c"), (WED, "d"), (THU, "e")], today=WED)

    assert [day.date for day in days] == [WED, THU, MON, TUE]
    assert [day.events for day in days] == [("d",), ("e",), ("a",), ("b", "c")]
    assert [(day.is_today, day.is_past) for day in days] == [
        (True, False),
        (False, False),
        (False, True),
        (False, True),
    ]


def test_before_the_week_every_day_is_to_come_in_date_order():
    days = group_by_day([(TUE, "b"), (MON, "a")], today=datetime.date(2027, 3, 1))

    assert [day.date for day in days] == [MON, TUE]
    assert not any(day.is_past or day.is_today for day in days)


def _event(pk, hour_utc, day=15):
    return SimpleNamespace(pk=pk, starts_at=datetime.datetime(2027, 3, day, hour_utc, tzinfo=datetime.UTC))


def test_events_are_grouped_by_their_day_in_uk_time_in_time_order():
    # 23:30 UTC on 27 June is already the 28th in London (BST); in March, GMT, it is not.
    late_summer = SimpleNamespace(pk=9, starts_at=datetime.datetime(2027, 6, 27, 23, 30, tzinfo=datetime.UTC))
    schedule = schedule_for([_event(2, 14), _event(1, 9), late_summer], today=datetime.date(2027, 3, 1))

    assert [day.date for day in schedule.current] == [MON, datetime.date(2027, 6, 28)]
    assert [event.pk for event in schedule.current[0].events] == [1, 2]
    assert schedule.past == []


def test_the_schedule_splits_current_and_past_days():
    schedule = schedule_for([_event(1, 9, day=15), _event(2, 9, day=17)], today=TUE)

    assert [day.date for day in schedule.current] == [WED]
    assert [day.date for day in schedule.past] == [MON]
    assert schedule


def test_an_empty_schedule_is_false():
    assert not schedule_for([], today=MON)
