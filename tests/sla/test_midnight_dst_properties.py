"""Invariants of deadlines in zones whose clocks change at midnight (Santiago, Cairo,
Beirut: the day starts at 01:00, or 23:00 comes twice before it), on calendars with a
lunch break, a night shift across the change and a shift to 24:00, and on China's with
make-up working days: more business time never ends earlier, adding then measuring
round-trips, adding in two steps is adding at once, and more days (business or
calendar) never end earlier."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import Duration

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _calendar(zone: str, **more: object) -> BusinessCalendar:
    hours = {
        "mon-fri": ["09:00-12:00", "13:30-18:00"],
        "sat": ["22:00-02:00"],
        "sun": ["18:00-24:00"],
    }
    return BusinessCalendar.from_mapping({"timezone": zone, "hours": hours, **more})


CALENDARS = {
    "santiago": (_calendar("America/Santiago"), datetime(2022, 1, 1, tzinfo=UTC)),
    "cairo": (_calendar("Africa/Cairo"), datetime(2023, 1, 1, tzinfo=UTC)),
    "beirut": (_calendar("Asia/Beirut"), datetime(2021, 1, 1, tzinfo=UTC)),
    "shanghai": (
        _calendar("Asia/Shanghai", holiday_country="CN"),
        datetime(2025, 1, 1, tzinfo=UTC),
    ),
}
YEARS = 3 * 365 * 86400
instants = st.integers(0, YEARS)
spans = st.integers(0, 200 * 3600).map(lambda s: timedelta(seconds=s))


@pytest.mark.parametrize("name", sorted(CALENDARS))
@SETTINGS
@given(offset=instants, a=spans, b=spans)
def test_business_time_is_monotone_round_trips_and_adds_in_steps(
    name: str, offset: int, a: timedelta, b: timedelta
) -> None:
    calendar, first = CALENDARS[name]
    start = (first + timedelta(seconds=offset)).astimezone(calendar.zone)
    shorter, longer = sorted((a, b))
    assert calendar.add(start, shorter) <= calendar.add(start, longer)
    due = calendar.add(start, longer)
    assert calendar.elapsed(start, due) == longer
    assert calendar.add(calendar.add(start, a), b) == calendar.add(start, a + b)


@pytest.mark.parametrize("name", sorted(CALENDARS))
@SETTINGS
@given(offset=instants, days=st.integers(0, 40), more=st.integers(0, 40))
def test_more_days_never_end_earlier(name: str, offset: int, days: int, more: int) -> None:
    calendar, first = CALENDARS[name]
    start = (first + timedelta(seconds=offset)).astimezone(calendar.zone)
    business = calendar.deadline(start, Duration(days=days, business=True))
    assert business <= calendar.deadline(start, Duration(days=days + more, business=True))
    assert business >= start
    local = calendar.deadline(start, Duration(days=days))
    later = calendar.deadline(start, Duration(days=days + more))
    assert start <= local <= later
