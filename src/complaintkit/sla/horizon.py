"""Deadlines a policy would promise from now across a year of incomplete holiday data.

China publishes each year's holidays and make-up days (调休) only late in the year before;
until then the ``holidays`` package computes them, and beyond its last year it has none.
A deadline counted across such a year may later turn out wrong, so ``validate`` warns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial

from complaintkit.errors import Location, Problem
from complaintkit.sla.clock import Meter, reach
from complaintkit.sla.durations import parse_duration
from complaintkit.sla.metrics import Target
from complaintkit.sla.policy import SlaPolicy
from complaintkit.sla.reckoning import Rules, counts_days_off, finish, lengthened
from complaintkit.sla.timeline import INCOMPLETE, Timeline


def holiday_data_problems(
    policy: SlaPolicy, now: datetime, locate: Callable[[str], Location]
) -> list[Problem]:
    """A warning per calendar whose longest target that counts days off (``counts_days_off``),
    counted from ``now``, runs into a year whose holiday data is provisional or missing, at
    that target (``locate`` gives its file and line from its path in the policy)."""
    longest: dict[str, tuple[datetime, str, Target]] = {}
    for metric, name, target in _targets(policy):
        if not _counts_days_off(target):
            continue
        due = _latest_deadline(policy.calendars[name], now, target)
        if name not in longest or due > longest[name][0]:
            longest[name] = (due, metric, target)
    problems = []
    for name, (due, metric, target) in longest.items():
        years = _incomplete_years(policy, name, now, due)
        if years:
            where = locate(f"sla.targets[{target.row}].{metric}")
            problems.append(_warning(where, name, years, target, now))
    return problems


def _targets(policy: SlaPolicy) -> Iterator[tuple[str, str, Target]]:
    """Each target with each calendar it may count on."""
    for row in policy.targets:
        for metric, target in row.targets.items():
            names = {target.calendar or policy.default_calendar}
            if target.choice is not None:
                names = {target.choice.default, *target.choice.by_value.values()}
            yield from ((metric, name, target) for name in sorted(names))


def _counts_days_off(target: Target) -> bool:
    """Whether ``target``'s deadlines depend on holiday data (``counts_days_off``)."""
    rules, extended = target.rules, target.extensions
    business = any(parse_duration(e.within).business for e in extended)
    return counts_days_off(target.duration.business, rules.end, rules.roll, business)


def _latest_deadline(calendar: Timeline, now: datetime, target: Target) -> datetime:
    """The last instant ``target``'s period may reach from ``now``: with every extension
    it allows granted (``to`` a longer period from the start, then ``by`` more after the
    end, rolled forward first as a clock's is), and after its end rule, which can carry it
    into the next year (``clock.reach``). Pauses, unknown in length, are left out."""
    duration, rules = target.duration, target.rules
    closes = duration.business
    due = calendar.deadline(now, duration)
    extensions = sorted(target.extensions, key=lambda e: e.mode != "to")
    for extension in extensions:
        within = parse_duration(extension.within)
        if extension.mode == "to":
            due = max(due, calendar.deadline(now, within))
        else:
            if rules.roll:
                due = finish(Rules(roll=True, closes=closes), calendar, due)
            due = lengthened(calendar, due, within, closes=closes)
    if rules.end == "exact" and not rules.roll:
        return due
    hours = rules.end == "close_of_business" and duration.first_close
    ends = Rules(end=rules.end, roll=rules.roll, closes=closes, hours=hours)
    return reach(Meter(finish=partial(finish, ends, calendar)), due)


def _incomplete_years(policy: SlaPolicy, name: str, now: datetime, due: datetime) -> list[str]:
    calendar = policy.calendars[name]
    first, last = now.astimezone(calendar.zone).year, due.astimezone(calendar.zone).year
    statuses = ((year, calendar.holiday_data_status(year)) for year in range(first, last + 1))
    return [f"{year} {status}" for year, status in statuses if status in INCOMPLETE]


def _warning(
    where: Location, name: str, years: list[str], target: Target, now: datetime
) -> Problem:
    return Problem(
        where,
        f"calendar {name!r} counts {target.text}{_extended(target)} from "
        f"{now.date().isoformat()} into "
        f"{', '.join(years)} holiday data; deadlines across it may move once the official "
        "holidays are published",
        f"when they are, list them under calendars.{name}: holidays and working_days "
        "(docs/sla.md#holiday-data)",
        severity="warning",
        code="holiday-data",
    )


def _extended(target: Target) -> str:
    if not target.extensions:
        return ""
    granted = ", ".join(f"{e.mode} {e.within} upon {e.upon}" for e in target.extensions)
    return f" (extended {granted})"
