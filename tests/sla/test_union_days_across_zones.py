"""A union of calendars in two zones counts its business days on the left calendar's
dates: a shift of the right calendar belongs to the date, in the left zone, it starts on.
A Shanghai office joined with a New York night desk, whose Monday 20:00 shift opens at
Tuesday 08:00 in Shanghai, so a complaint received later is never due earlier."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.timeline import Timeline

SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICE = BusinessCalendar.from_mapping(
    {
        "timezone": "Asia/Shanghai",
        "hours": {"mon-sat": ["08:30-12:00", "13:30-18:00"]},
        "holiday_country": "CN",
    }
)
NIGHT_DESK = BusinessCalendar.from_mapping(
    {"timezone": "America/New_York", "hours": {"mon-fri": ["20:00-04:00"]}}
)
START, END = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC)
instants = st.integers(0, int((END - START).total_seconds())).map(
    lambda s: START + timedelta(seconds=s)
)


def union() -> Timeline:
    return OFFICE.union(NIGHT_DESK)


def test_the_night_desks_monday_shift_is_tuesday_in_shanghai() -> None:
    """国庆 2025: the office is shut on Monday 6 and Tuesday 7 October; New York's Monday
    shift runs on Tuesday 08:00-16:00 in Shanghai, so it is Tuesday's business."""
    inside = datetime(2025, 10, 7, 9, 8, tzinfo=SHANGHAI)
    assert union().business_date(inside) == date(2025, 10, 7)
    assert not union().is_business_day(date(2025, 10, 6))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(instants, st.integers(0, 48 * 3600), st.integers(0, 15))
@example(datetime(2025, 10, 6, 19, 8, tzinfo=UTC), 6 * 3600, 10)  # Tue 03:08 and 09:08
def test_a_later_receipt_is_never_due_earlier(start: datetime, later: int, days: int) -> None:
    second = start + timedelta(seconds=later)
    assert union().add_business_days(start, days) <= union().add_business_days(second, days)
    assert union().add_business_days(start, days) >= start


def test_a_shift_split_at_midnight_by_an_intersection_keeps_its_date() -> None:
    """A night shift intersected with a 24x7 calendar is held as two pieces, 22:00-24:00
    and 00:00-06:00, and is still the one shift of the date it starts on: joined to the
    office, 30 September 2025's shift does not make 国庆's 1 October a business day."""
    night = BusinessCalendar.from_mapping(
        {"timezone": "Asia/Shanghai", "hours": {"daily": ["22:00-06:00"]}, "holiday_country": "CN"}
    )
    always = BusinessCalendar.from_mapping(
        {"timezone": "Asia/Shanghai", "hours": {"daily": ["00:00-24:00"]}}
    )
    split = OFFICE.union(night.intersect(always))
    after_midnight = datetime(2025, 10, 1, 3, tzinfo=SHANGHAI)
    assert not split.is_business_day(date(2025, 10, 1))
    assert split.business_date(after_midnight) == date(2025, 9, 30)
    received = datetime(2025, 9, 30, 10, tzinfo=SHANGHAI)
    assert split.add_business_days(received, 1) == OFFICE.union(night).add_business_days(
        received, 1
    )
