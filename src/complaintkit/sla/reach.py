"""How much working time a calendar has in a week, so a policy can be refused when its
business-time targets would never, or only after centuries, fall due on it.

A plain calendar's week is read off its hours (holidays are a few days a year and do not
change the order of magnitude). A composed calendar's is measured over one sample year,
since an intersection of two calendars can be empty although neither is.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Final

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import MAX_DAYS, Duration
from complaintkit.sla.timeline import ComposedCalendar, Timeline

_SAMPLE: Final = (datetime(2026, 1, 5, tzinfo=UTC), datetime(2027, 1, 4, tzinfo=UTC))
_WEEKS_IN_SAMPLE: Final = 52
#: The most weeks a business-time target may need to fall due: about 100 years.
MAX_WEEKS: Final = MAX_DAYS // 7


def weekly_working_time(calendar: Timeline) -> timedelta:
    """Working time in a typical week of ``calendar``."""
    if isinstance(calendar, BusinessCalendar):
        seconds = sum(shift.end - shift.start for day in calendar.hours.days for shift in day)
        return timedelta(seconds=seconds)
    if isinstance(calendar, ComposedCalendar) and calendar.op == "union":
        return max(weekly_working_time(calendar.left), weekly_working_time(calendar.right))
    return calendar.elapsed(*_SAMPLE) / _WEEKS_IN_SAMPLE


def weeks_to_fall_due(duration: Duration, weekly: timedelta) -> float:
    """About how many weeks a business-time ``duration`` takes on a calendar working
    ``weekly`` a week (business days: at least one a week); infinite without working time."""
    if not weekly:
        return float("inf")
    if duration.in_days:
        return float(duration.days)
    return duration.time / weekly
