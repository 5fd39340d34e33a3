"""How much a calendar works in a week, so a policy can be refused when its business-time
targets would never, or only after a century, fall due on it.

A plain calendar's week is read off its hours (holidays are a few days a year and do not
change the order of magnitude). A composed calendar's is measured over one sample year,
since an intersection of two calendars can be empty although neither is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Final, NamedTuple

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import MAX_DAYS, Duration
from complaintkit.sla.timeline import ComposedCalendar, Timeline

_SAMPLE_START: Final = date(2026, 1, 5)
_SAMPLE_WEEKS: Final = 52
#: The most weeks business time may take to fall due: 100 years.
MAX_WEEKS: Final = MAX_DAYS / 7


class Week(NamedTuple):
    """A typical week of a calendar: its working time and its business days."""

    time: timedelta
    days: float


def working_week(calendar: Timeline) -> Week:
    """What ``calendar`` works in a typical week."""
    if isinstance(calendar, BusinessCalendar):
        weekdays = calendar.hours.days
        seconds = sum(shift.end - shift.start for day in weekdays for shift in day)
        return Week(timedelta(seconds=seconds), sum(1 for day in weekdays if day))
    if isinstance(calendar, ComposedCalendar) and calendar.op == "union":
        left, right = working_week(calendar.left), working_week(calendar.right)
        return Week(max(left.time, right.time), max(left.days, right.days))
    start = datetime.combine(_SAMPLE_START, datetime.min.time(), UTC)
    time = calendar.elapsed(start, start + timedelta(weeks=_SAMPLE_WEEKS))
    dates = (_SAMPLE_START + timedelta(days=i) for i in range(7 * _SAMPLE_WEEKS))
    days = sum(calendar.is_business_day(day) for day in dates)
    return Week(time / _SAMPLE_WEEKS, days / _SAMPLE_WEEKS)


def weeks_to_fall_due(duration: Duration, week: Week) -> float:
    """About how many weeks business-time ``duration`` takes; infinite without work."""
    if not week.time or not week.days:
        return float("inf")
    if duration.in_days:
        return duration.days / week.days
    return duration.time / week.time
