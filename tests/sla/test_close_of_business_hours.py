"""``ends: close_of_business`` on a period counted in hours (a 4-hour first response):
the period ends at the close of the business day it runs out in, the first close at or
after the hours have run, never before them. A period in days keeps 民法典 art. 203's
close of its last day, whatever the time of day it was received."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sla_helpers import OFFICE, complaint, make_desk

from complaintkit.sla.calendar import BusinessCalendar

CALENDAR = BusinessCalendar.from_mapping(OFFICE)


def _due(within: str, received: str, **rules: str) -> datetime:
    at = datetime.fromisoformat(received)
    target = {"within": within, "ends": "close_of_business", **rules}
    sla = {"calendar": "office", "targets": [{"first_response": target}]}
    policy = {"calendars": {"office": OFFICE}, "sla": sla}
    desk, _ = make_desk(policy, start=at)
    due = desk.intake(complaint(at=at)).clocks.metrics["first_response"].due_at
    assert due is not None
    return due


# office hours in Shanghai: Monday to Friday 09:00-12:00 and 13:30-18:00; 2 March 2026 is
# a Monday
@pytest.mark.parametrize(
    ("within", "received", "expected"),
    [
        # 4h from Monday 17:00 run out at 21:00, after Monday's close: Tuesday's close
        ("4h", "2026-03-02T17:00:00+08:00", "2026-03-03T18:00:00+08:00"),
        # from Friday 20:00 they run out at Saturday 00:00: Monday's close
        ("4h", "2026-03-06T20:00:00+08:00", "2026-03-09T18:00:00+08:00"),
        ("4h", "2026-03-06T23:30:00+08:00", "2026-03-09T18:00:00+08:00"),
        # received in the lunch break, they run out at 16:30: the same day's close
        ("4h", "2026-03-02T12:30:00+08:00", "2026-03-02T18:00:00+08:00"),
        # received before opening, at 11:00
        ("4h", "2026-03-02T07:00:00+08:00", "2026-03-02T18:00:00+08:00"),
        # running out at the close itself ends there
        ("4h", "2026-03-02T14:00:00+08:00", "2026-03-02T18:00:00+08:00"),
        ("4 business hours", "2026-03-06T20:00:00+08:00", "2026-03-09T18:00:00+08:00"),
        ("4 business hours", "2026-03-02T12:30:00+08:00", "2026-03-02T18:00:00+08:00"),
        # days: the 15th day after Monday 2 March is Tuesday 17 March, closing at 18:00
        # though that is before 20:00
        ("15日", "2026-03-02T20:00:00+08:00", "2026-03-17T18:00:00+08:00"),
        # a last day with no business ends at its 24:00 unless it rolls (docs/sla.md)
        ("5日", "2026-03-02T20:00:00+08:00", "2026-03-08T00:00:00+08:00"),
    ],
)
def test_close_of_business_deadlines_counted_by_hand(
    within: str, received: str, expected: str
) -> None:
    assert _due(within, received) == datetime.fromisoformat(expected)


def test_a_rolled_hours_period_ends_at_the_close_of_the_next_business_day() -> None:
    due = _due("4h", "2026-03-06T20:00:00+08:00", roll="next_business_day")
    assert due == datetime.fromisoformat("2026-03-09T18:00:00+08:00")


@settings(max_examples=80, deadline=None)
@given(
    received=st.datetimes(
        min_value=datetime(2026, 3, 1),  # noqa: DTZ001 - bounds for hypothesis
        max_value=datetime(2026, 3, 20),  # noqa: DTZ001
    ),
    minutes=st.integers(0, 72 * 60),
)
def test_an_hours_period_ends_at_the_first_close_after_it_runs_out(
    received: datetime, minutes: int
) -> None:
    at = received.replace(tzinfo=CALENDAR.zone)
    runs_out = at + timedelta(minutes=minutes)
    due = _due(f"{minutes}m", at.isoformat())
    day = CALENDAR.local_date(runs_out)
    closes = [CALENDAR.close_of_day(day + timedelta(days=n)) for n in range(5)]
    assert due == min(close for close in closes if close is not None and close >= runs_out)
