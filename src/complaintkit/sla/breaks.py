"""The Saturdays and Sundays inside China's holiday breaks.

The ``holidays`` package lists a break's statutory days and the weekdays swapped for
make-up days (调休), not the weekend days the State Council's notice puts inside the break
(国庆 10月1日至7日 holds Sunday 4 October): a calendar with weekend hours would work them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

import attrs
import holidays as holidays_package

#: Countries whose notices close the weekend days a break runs across.
BREAK_COUNTRIES = frozenset({"CN"})
#: Recorded with a clock's holiday data; goes up whenever the rule below closes other days.
BREAK_RULE = "CN breaks 1"
#: A break is never longer than this: a run is looked for this far either side of a day.
_REACH = 16


@attrs.frozen
class PackageYear:
    """One year of the package's data: its holidays by name, and the make-up days it knows."""

    names: dict[date, str]
    make_up: frozenset[date]
    weekend: frozenset[int]


@lru_cache(maxsize=1024)
def package_year(
    country: str, subdivision: str | None, year: int, categories: tuple[str, ...] = ()
) -> PackageYear:
    """The package's table for ``year`` (building one takes milliseconds; calendars share it),
    of its default categories or of ``categories``."""
    table = holidays_package.country_holidays(
        country, subdiv=subdivision, years=year, categories=categories or None
    )
    worked = getattr(table, "weekend_workdays", ())
    return PackageYear(
        names=dict(table.items()),
        make_up=frozenset(day for day in worked if day.year == year),
        weekend=frozenset(table.weekend),
    )


@lru_cache(maxsize=1024)
def break_days(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    """The weekend days of ``year`` inside a break, each named "<holiday> (break)".

    A break is a run of consecutive days each a package holiday or a weekend day that is
    not a make-up day; its weekend days are closed when the run holds a weekday holiday.
    A holiday falling on a weekend with no weekday off takes no other weekend day (2015:
    中秋节 9月27日放假, a Sunday; Saturday the 26th was an ordinary weekend day).
    """
    if country not in BREAK_COUNTRIES:
        return {}
    years = {y: package_year(country, subdivision, y) for y in (year - 1, year, year + 1)}

    def holiday(day: date) -> str | None:
        return years[day.year].names.get(day) if day.year in years else None

    def joins(day: date) -> bool:
        data = years.get(day.year)
        if data is None:
            return False
        if day in data.names:
            return True
        return day.weekday() in data.weekend and day not in data.make_up

    found: dict[date, str] = {}
    data, day, end = years[year], date(year, 1, 1), date(year, 12, 31)
    while day <= end:
        if day in data.names or day.weekday() not in data.weekend or day in data.make_up:
            day += timedelta(days=1)
            continue
        run = _run(day, joins)
        named = [(d, name) for d in run if (name := holiday(d)) is not None]
        if any(d.weekday() not in years[d.year].weekend for d, _ in named):
            label = f"{_break_name(named)} (break)"
            found.update((d, label) for d in run if d.year == year and holiday(d) is None)
        day = run[-1] + timedelta(days=1)
    return found


def _run(day: date, joins: Callable[[date], bool]) -> list[date]:
    """The consecutive days around ``day`` that ``joins`` accepts, in order."""
    first = last = day
    for _ in range(_REACH):
        if not joins(first - timedelta(days=1)):
            break
        first -= timedelta(days=1)
    for _ in range(_REACH):
        if not joins(last + timedelta(days=1)):
            break
        last += timedelta(days=1)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _break_name(named: list[tuple[date, str]]) -> str:
    """The holiday a break is for: the name most of its days carry, leaving out the days
    swapped for a make-up day (their names hold that day's date); the earliest on a tie."""
    counts = Counter(name for _, name in named)
    order = {name: n for n, (_, name) in reversed(list(enumerate(named)))}
    return max(
        counts,
        key=lambda name: (not any(c.isdigit() for c in name), counts[name], -order[name]),
    )
