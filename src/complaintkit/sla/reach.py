"""How much a calendar works in a week, so a policy can be refused when its business-time
targets would never, or only after a century, fall due on it.

A plain calendar's week is read off its hours (holidays are a few days a year and do not
change the order of magnitude; dates worked outside them end, so do not count). An
intersection's is measured over one sample year, since it can be empty although neither
side is, unless a side has no weekly hours: it then works only on dates that end.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Final, NamedTuple

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.durations import MAX_DAYS, Duration
from complaintkit.sla.metrics import Target
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
    if isinstance(calendar, ComposedCalendar):
        left, right = working_week(calendar.left), working_week(calendar.right)
        if calendar.op == "union":
            return Week(max(left.time, right.time), max(left.days, right.days))
        if not (left.time and right.time):  # a side works only on the dates it lists
            return Week(timedelta(0), 0)
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


class Need(NamedTuple):
    """What a target asks of a calendar's working time, and how to do without it; ``least``
    is the business time it needs whatever the target's own duration (None: that)."""

    what: str
    hint: str
    least: Duration | None = None


BUSINESS_TIME: Final = Need(
    "business time is counted on it",
    "give it working hours, or use calendar time (24h, 3 days) on it",
)
#: Counting from the next opening or rolling to the next business day needs one, as the
#: close of "0 business days" does.
OPENING: Final = Need(
    "a target counts from its next opening or rolls to its next business day",
    "give it working hours, or drop after_hours and roll from the target",
    Duration(business=True, in_days=True),
)


class Unreachable(NamedTuple):
    """Why business time cannot be counted on a calendar: it never works (``idle``), or
    the time would fall due more than 100 years later."""

    idle: bool
    message: str
    hint: str


def unreachable(
    duration: Duration, name: str, calendar: Timeline, need: Need
) -> Unreachable | None:
    """Why business-time ``duration`` cannot be counted on ``calendar`` (the policy's
    ``name`` for it), or None."""
    week = working_week(calendar)
    weeks = weeks_to_fall_due(duration, week)
    if weeks == math.inf and _lists_dates(calendar):
        return Unreachable(
            True,
            f"calendar {name!r} has no working time after the dates it lists, yet {need.what}",
            "give it weekly hours (the dates under working_days end), or use calendar time",
        )
    if weeks == math.inf:
        return Unreachable(
            True, f"calendar {name!r} has no working time, yet {need.what}", need.hint
        )
    if weeks <= MAX_WEEKS:
        return None
    hours = week.time / timedelta(hours=1)
    return Unreachable(
        False,
        f"on calendar {name!r}, which works {hours:.4g} hours over {week.days:.3g} days a "
        f"week, this falls due about {weeks / 52:.0f} years later; the most is 100 years",
        "shorten it, or give the calendar more working time",
    )


def _lists_dates(calendar: Timeline) -> bool:
    """Whether ``calendar`` (or a side of it) works on dates it lists: its time ends."""
    if isinstance(calendar, ComposedCalendar):
        return _lists_dates(calendar.left) or _lists_dates(calendar.right)
    return isinstance(calendar, BusinessCalendar) and bool(calendar.working_days)


def too_late(
    fraction: float, targets: Iterable[Target], calendars: Mapping[str, Timeline], default: str
) -> str | None:
    """Why an escalation level at ``fraction`` of the longest of ``targets`` fires too late
    (more than 100 years after its clock starts, in business time on the slowest calendar
    it counts on), or None: such a level is refused, not met by the first complaint."""
    weeks = _level_weeks(fraction, targets, calendars, default)
    if weeks <= MAX_WEEKS:
        return None
    return (
        f"at {fraction:g} of its longest target this level fires about {weeks / 52:.0f} years "
        "after the clock starts; the most is 100 years"
    )


def _level_weeks(
    fraction: float, targets: Iterable[Target], calendars: Mapping[str, Timeline], default: str
) -> float:
    weeks = {name: working_week(calendar) for name, calendar in calendars.items()}
    longest = 0.0
    for target in targets:
        duration = target.duration
        if not duration.business:
            days = duration.months * 365.25 / 12 + duration.days + duration.time / timedelta(1)
            longest = max(longest, days / 7)
            continue
        choice = target.choice
        names = [choice.default, *choice.by_value.values()] if choice else [target.calendar]
        for name in names:
            week = weeks.get(name or default)
            taken = math.inf if week is None else weeks_to_fall_due(duration, week)
            if taken != math.inf:  # a calendar that never works is reported on its own
                longest = max(longest, taken)
    return fraction * longest
