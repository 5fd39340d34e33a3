"""W3: business-calendar arithmetic against an indexed reference, businesstimedelta and pandas.

The calendar: Monday to Friday 09:00-12:00 and 13:30-18:00 in Asia/Shanghai, China's public
holidays for 2026-2027 and the weekend days worked instead (调休 make-up days). Every
contender gets the same random instants (any minute of 2026, nights and weekends too) and
the same amounts, and the script asserts that they give the same answers before timing.

- reference: what a competent developer writes by hand for one fixed calendar — every
  opening of 2026-2027 as UNIX seconds in a sorted list, with the business seconds before
  each, so adding and measuring are two bisects (written below, from the same holiday data).
- businesstimedelta and pandas ``CustomBusinessHour`` cannot express make-up days, so they
  get the calendar without them, and so does the complaintkit calendar they are timed and
  checked against. businesstimedelta takes the lunch break as a ``LunchTimeRule``, and its
  rules, holiday set and deltas are built once; pandas gets two intervals a day and the
  holidays, one offset per whole number of hours built once (it takes whole hours only, so
  every amount is whole hours), and rolls a deadline landing on a closing time on to the
  next opening (its results are compared with ``next_working_instant`` of ours). pandas has
  no business-time difference, so W3b has businesstimedelta as its only peer.

Contenders run in interleaved turns; figures are medians (see harness.py).

    python benchmarks/sla_calendar.py [--pairs 50000] [--pandas-pairs 5000] [--repeats 7]
"""

from __future__ import annotations

import argparse
import random
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from datetime import time as wall_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import businesstimedelta as btd
import holidays
import pandas as pd
import pytz  # type: ignore[import-untyped]  # businesstimedelta needs pytz zones

sys.path.insert(0, str(Path(__file__).parent))

import harness

from complaintkit.sla.calendar import BusinessCalendar

ZONE = "Asia/Shanghai"
HOURS = {"mon-fri": ["09:00-12:00", "13:30-18:00"]}
SHIFTS = ((wall_time(9), wall_time(12)), (wall_time(13, 30), wall_time(18)))
YEARS = (2026, 2027)
MOST_HOURS = 30
ADD = "W3: add N business hours (lunch break, CN holidays)"
ELAPSED = "W3: business time elapsed between two instants"

Pair = tuple[datetime, timedelta]
Span = tuple[datetime, datetime]


def public_holidays() -> tuple[list[date], list[date]]:
    """China's public holidays and make-up working days for the years, from ``holidays``."""
    table = holidays.country_holidays("CN", years=list(YEARS))
    make_up = sorted(day for day in table.weekend_workdays if day.year in YEARS)
    return sorted(table), make_up


class Reference:
    """Hand-written: the openings of a fixed range of dates, bisected.

    ``starts``/``ends`` are the openings as UNIX seconds; ``after[i]`` is the business time
    up to the end of opening ``i``. Correct only inside the range it was built for.
    """

    def __init__(self, shut: set[date], worked: set[date]) -> None:
        zone = ZoneInfo(ZONE)
        self.starts: list[float] = []
        self.ends: list[float] = []
        self.after: list[float] = []
        total = 0.0
        day, last = date(YEARS[0], 1, 1), date(YEARS[-1], 12, 31)
        while day <= last:
            if day in worked or (day.weekday() < 5 and day not in shut):
                for opens, closes in SHIFTS:
                    start = datetime.combine(day, opens, zone).timestamp()
                    end = datetime.combine(day, closes, zone).timestamp()
                    total += end - start
                    self.starts.append(start)
                    self.ends.append(end)
                    self.after.append(total)
            day += timedelta(days=1)

    def _done(self, moment: float) -> float:
        """Business seconds from the start of the range to ``moment``."""
        i = bisect_right(self.starts, moment) - 1
        if i < 0:
            return 0.0
        return self.after[i] - self.ends[i] + min(moment, self.ends[i])

    def add(self, start: datetime, duration: timedelta) -> datetime:
        target = self._done(start.timestamp()) + duration.total_seconds()
        i = bisect_left(self.after, target)
        return datetime.fromtimestamp(self.ends[i] - self.after[i] + target, start.tzinfo)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        if end <= start:
            return timedelta(0)
        return timedelta(seconds=self._done(end.timestamp()) - self._done(start.timestamp()))


def businesstimedelta_rules(shut: list[date]) -> btd.Rules:
    tz = pytz.timezone(ZONE)
    # a set, not a list: HolidayRule tests membership day by day. It gives up when no
    # holiday follows within five years, so the set ends with a far one.
    return btd.Rules(
        [
            btd.WorkDayRule(start_time=wall_time(9), end_time=wall_time(18), tz=tz),
            btd.LunchTimeRule(start_time=wall_time(12), end_time=wall_time(13, 30), tz=tz),
            btd.HolidayRule(frozenset([*shut, date(2031, 1, 1)]), tz=tz),
        ]
    )


def pandas_offsets(shut: list[date]) -> dict[int, pd.offsets.CustomBusinessHour]:
    return {
        hours: pd.offsets.CustomBusinessHour(
            n=hours, start=["09:00", "13:30"], end=["12:00", "18:00"], holidays=shut
        )
        for hours in range(1, MOST_HOURS + 1)
    }


def make_pairs(count: int) -> list[Pair]:
    """Starts at any minute of 2026; 1 to 30 whole business hours."""
    rng = random.Random(2026)
    base = datetime(YEARS[0], 1, 1, tzinfo=ZoneInfo(ZONE))
    return [
        (base + timedelta(minutes=rng.randrange(365 * 1440)), timedelta(hours=rng.randint(1, 30)))
        for _ in range(count)
    ]


def make_spans(count: int) -> list[Span]:
    """Starts at any minute of 2026; ends up to 30 calendar days later, at any minute."""
    rng = random.Random(2027)
    base = datetime(YEARS[0], 1, 1, tzinfo=ZoneInfo(ZONE))
    spans = []
    for _ in range(count):
        start = base + timedelta(minutes=rng.randrange(365 * 1440))
        spans.append((start, start + timedelta(minutes=rng.randrange(1, 30 * 1440))))
    return spans


def run_add(
    add: Callable[[datetime, timedelta], datetime], pairs: Sequence[Pair]
) -> Callable[[], list[datetime]]:
    return lambda: [add(start, duration) for start, duration in pairs]


def run_elapsed(
    elapsed: Callable[[datetime, datetime], timedelta], spans: Sequence[Span]
) -> Callable[[], list[timedelta]]:
    return lambda: [elapsed(start, end) for start, end in spans]


def same(name: str, ours: Sequence[object], theirs: Sequence[object]) -> None:
    wrong = [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b]
    assert not wrong, f"{name} disagrees on {len(wrong)} of {len(ours)}, first #{wrong[0]}"


def show(rows: Sequence[harness.Figure], ours: harness.Figure) -> None:
    print(f"  {'contender':<44}{'items':>9}{'median s':>11}{'per s':>12}{'time/ours':>10}")
    for row in rows:
        ratio = f"{row.seconds / ours.seconds:.2f}x"
        print(
            f"  {row.contender:<44}{row.items:>9,}{row.seconds:>11.4f}"
            f"{row.per_second:>12,.0f}{ratio:>10}"
        )


REFERENCE = "reference (bisect, hand-written)"
PLAIN = "complaintkit, no make-up days"
BTD = "businesstimedelta, no make-up days"
PANDAS = "pandas CustomBusinessHour, no make-up days"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pairs", type=int, default=50_000, help="items vs the reference")
    parser.add_argument("--pandas-pairs", type=int, default=5_000, help="items vs pandas")
    parser.add_argument(
        "--btd-pairs", type=int, default=1_000, help="items vs businesstimedelta (add)"
    )
    parser.add_argument(
        "--btd-spans", type=int, default=200, help="items vs businesstimedelta (elapsed)"
    )
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    shut, worked = public_holidays()
    full = BusinessCalendar(ZONE, HOURS, holiday_country="CN")
    plain = BusinessCalendar(ZONE, HOURS, holidays=shut)  # the same without make-up days
    assert {day for day in worked if full.is_make_up_day(day)} == set(worked)
    reference = Reference(set(shut), set(worked))
    rules = businesstimedelta_rules(shut)
    deltas = {h: btd.BusinessTimeDelta(rules, hours=h) for h in range(1, MOST_HOURS + 1)}
    offsets = pandas_offsets(shut)
    pairs, spans = make_pairs(args.pairs), make_spans(args.pairs)

    def btd_add(start: datetime, duration: timedelta) -> datetime:
        result: datetime = start + deltas[duration // timedelta(hours=1)]
        return result

    def pandas_add(start: datetime, duration: timedelta) -> datetime:
        stamp = pd.Timestamp(start) + offsets[duration // timedelta(hours=1)]
        result: datetime = stamp.to_pydatetime()
        return result

    def btd_elapsed(start: datetime, end: datetime) -> timedelta:
        result: timedelta = rules.difference(start, end).timedelta
        return result

    def rolled(moments: list[datetime]) -> list[datetime]:
        """pandas moves a deadline that lands on a closing time on to the next opening."""
        return [plain.next_working_instant(moment) for moment in moments]

    some_pairs, few_pairs = pairs[: args.pandas_pairs], pairs[: args.btd_pairs]
    few_spans = spans[: args.btd_spans]
    # workload, contenders (ours first), items, how ours is compared with the others' answers
    tables: list[tuple[str, dict[str, Callable[[], list[Any]]], int, Callable[[Any], Any]]] = [
        (
            ADD,
            {"complaintkit": run_add(full.add, pairs), REFERENCE: run_add(reference.add, pairs)},
            len(pairs),
            list,
        ),
        (
            ADD,
            {PLAIN: run_add(plain.add, some_pairs), PANDAS: run_add(pandas_add, some_pairs)},
            len(some_pairs),
            rolled,
        ),
        (
            ADD,
            {PLAIN: run_add(plain.add, few_pairs), BTD: run_add(btd_add, few_pairs)},
            len(few_pairs),
            list,
        ),
        (
            ELAPSED,
            {
                "complaintkit": run_elapsed(full.elapsed, spans),
                REFERENCE: run_elapsed(reference.elapsed, spans),
            },
            len(spans),
            list,
        ),
        (
            ELAPSED,
            {
                PLAIN: run_elapsed(plain.elapsed, few_spans),
                BTD: run_elapsed(btd_elapsed, few_spans),
            },
            len(few_spans),
            list,
        ),
    ]
    print(f"{len(shut)} holidays, {len(worked)} make-up days; {args.repeats} interleaved repeats")
    for workload, contenders, _, seen in tables:
        expected = seen(next(iter(contenders.values()))())
        for name, other in list(contenders.items())[1:]:
            same(f"{workload}: {name}", expected, other())
    print("every contender gives the same answers on the calendar it can express", flush=True)

    found: list[harness.Figure] = []
    measured: list[dict[str, harness.Figure]] = []
    for workload, contenders, items, _ in tables:
        figures = harness.figures(workload, harness.interleave(contenders, args.repeats), items)
        print(f"{workload}, {items:,} items:")
        show(list(figures.values()), next(iter(figures.values())))
        found += figures.values()
        measured.append(figures)
    add, versus_pandas, _, elapsed, _ = measured
    checks = [
        harness.at_most_times(ADD, add["complaintkit"], add[REFERENCE], 1.5),
        harness.at_least_faster(ADD, versus_pandas[PLAIN], versus_pandas[PANDAS], 25),
        harness.at_most_times(ELAPSED, elapsed["complaintkit"], elapsed[REFERENCE], 1.5),
    ]
    settings = {
        "pairs": len(pairs),
        "pandas_pairs": len(some_pairs),
        "btd_pairs": len(few_pairs),
        "btd_spans": len(few_spans),
        "repeats": args.repeats,
        "calendar": f"{ZONE} {HOURS}, CN holidays {YEARS[0]}-{YEARS[-1]} with make-up days",
        "peers": "businesstimedelta and pandas on the same calendar without make-up days",
    }
    harness.save("sla_calendar", found, checks, settings)


if __name__ == "__main__":
    main()
