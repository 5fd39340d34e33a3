"""Invariants of business-time arithmetic on calendars whose shifts run past midnight, with
bank holidays and summer time (London's clocks change inside the Saturday night shift):
adding then measuring round-trips, deadlines are monotone in the instant they count from,
a business-days deadline is the close of a business day, and it is the same for every
instant of one running shift."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.sla.calendar import BusinessCalendar

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
US = timedelta(microseconds=1)
NIGHTS = BusinessCalendar.from_mapping(
    {
        "timezone": "Europe/London",
        "hours": {"sun-thu": ["22:00-06:00"], "sat": ["23:30-03:30"]},
        "holiday_country": "GB",
        "holiday_subdivision": "ENG",
    }
)
START, END = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 12, 31, tzinfo=UTC)
instants = st.integers(0, int((END - START).total_seconds())).map(
    lambda s: START + timedelta(seconds=s)
)
durations = st.integers(1, 300 * 3600).map(lambda s: timedelta(seconds=s))


@SETTINGS
@given(instants, durations)
@example(datetime(2026, 3, 28, 23, 45, tzinfo=UTC), timedelta(hours=2))  # 01:00 is skipped
@example(datetime(2026, 10, 24, 23, 15, tzinfo=UTC), timedelta(hours=3))  # 01:00 repeated
def test_night_business_time_added_is_the_business_time_measured(
    start: datetime, span: timedelta
) -> None:
    due = NIGHTS.add(start, span)
    assert NIGHTS.elapsed(start, due) == span
    assert NIGHTS.is_working(due - US)


@SETTINGS
@given(instants, instants, st.integers(0, 20))
def test_night_business_days_are_monotone_and_end_at_a_close(
    a: datetime, b: datetime, days: int
) -> None:
    first, second = sorted((a, b))
    due = NIGHTS.add_business_days(first, days)
    assert due <= NIGHTS.add_business_days(second, days)
    day = NIGHTS.business_date(due - US)
    assert NIGHTS.is_business_day(day)
    assert NIGHTS.close_of_day(day) == due
    assert NIGHTS.is_working(due - US)


@SETTINGS
@given(instants, st.integers(0, 8 * 3600), st.integers(0, 20))
def test_night_business_days_are_the_same_all_through_one_shift(
    moment: datetime, later: int, days: int
) -> None:
    start = NIGHTS.next_working_instant(moment)
    other = start + timedelta(seconds=later)
    if not NIGHTS.is_working(other) or NIGHTS.business_date(other) != NIGHTS.business_date(start):
        return
    assert NIGHTS.add_business_days(other, days) == NIGHTS.add_business_days(start, days)
