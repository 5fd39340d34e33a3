"""A hand-written oracle for regulators' complaint deadlines: plain date loops over the
``holidays`` package's data, sharing no code with complaintkit's calendars."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

Shifts = tuple[tuple[time, time], ...]
CN_HOURS: Shifts = ((time(9), time(12)), (time(13, 30), time(17, 30)))
UK_HOURS: Shifts = ((time(9), time(17)),)
SHOP_HOURS: Shifts = ((time(9), time(12)), (time(13), time(18)))


@cache
def _table(country: str, subdivision: str | None, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, subdiv=subdivision, years=year)


def cn_working(day: date) -> bool:
    """工作日: Monday to Friday except the State Council's holidays, plus 调休 weekends."""
    table = _table("CN", None, day.year)
    return day in table.weekend_workdays or (day.weekday() < 5 and day not in table)


def england_working(day: date) -> bool:
    return day.weekday() < 5 and day not in _table("GB", "ENG", day.year)


def us_working(day: date) -> bool:
    return day.weekday() < 5 and day not in _table("US", None, day.year)


def nth_working_day_after(day: date, n: int, working: Callable[[date], bool]) -> date:
    """The nth working day after ``day`` (which itself never counts)."""
    while n:
        day += timedelta(days=1)
        n -= working(day)
    return day


def rolled(day: date, working: Callable[[date], bool]) -> date:
    """民法典 art. 203: a last day that is a holiday becomes the next working day."""
    while not working(day):
        day += timedelta(days=1)
    return day


def wall(day: date, at: time, zone: str) -> datetime:
    return datetime.combine(day, at, ZoneInfo(zone)).astimezone(UTC)


def end_of(day: date, zone: str) -> datetime:
    """24:00 of ``day`` in ``zone``."""
    return wall(day + timedelta(days=1), time(0), zone)


def local(moment: datetime, zone: str) -> date:
    return moment.astimezone(ZoneInfo(zone)).date()


class Hours:
    """Working intervals of one calendar, as real instants, walked a date at a time."""

    def __init__(self, zone: str, shifts: Shifts, working: Callable[[date], bool]) -> None:
        self.zone, self.shifts, self.working = zone, shifts, working

    def intervals(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Working intervals from ``start``'s local date on (clipped to start after it)."""
        day = local(start, self.zone)
        while True:
            if self.working(day):
                for begin, end in self.shifts:
                    lo, hi = wall(day, begin, self.zone), wall(day, end, self.zone)
                    if hi > start:
                        yield max(lo, start), hi
            day += timedelta(days=1)

    def is_working(self, moment: datetime) -> bool:
        begin, _ = next(self.intervals(moment))
        return begin == moment

    def next_opening(self, moment: datetime) -> datetime:
        return next(self.intervals(moment))[0]

    def between(self, start: datetime, end: datetime) -> timedelta:
        total = timedelta(0)
        for lo, hi in self.intervals(start):
            if lo >= end:
                break
            total += min(hi, end) - lo
        return total

    def add(self, start: datetime, span: timedelta) -> datetime:
        """The earliest instant at which ``span`` of working time has passed since ``start``."""
        if span <= timedelta(0):
            return start
        for lo, hi in self.intervals(start):
            if hi - lo >= span:
                return lo + span
            span -= hi - lo
        raise AssertionError("unreachable")


def eighty_percent(span: timedelta) -> timedelta:
    """A warning at 0.8 of a span, to the microsecond."""
    return timedelta(microseconds=span // timedelta(microseconds=1) * 4 // 5)
