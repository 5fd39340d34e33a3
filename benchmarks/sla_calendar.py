"""Deadlines per second: complaintkit's BusinessCalendar.add against its peers.

Every library gets the same (start, duration) pairs on the same calendar — Monday to
Friday 09:00-12:00 and 13:30-18:00 in Asia/Shanghai with China's public holidays — and
the script checks that they agree before printing the table. Whole-hour durations keep
pandas' CustomBusinessHour (which only takes whole hours) in the comparison.

    PYTHONPATH=src python benchmarks/sla_calendar.py [--pairs 100000] [--peer-pairs 20000]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from datetime import time as wall_time
from zoneinfo import ZoneInfo

import businesstimedelta as btd
import holidays
import pytz  # type: ignore[import-untyped]  # businesstimedelta needs pytz zones

from complaintkit.sla.calendar import BusinessCalendar

ZONE = "Asia/Shanghai"
HOURS = {"mon-fri": ["09:00-12:00", "13:30-18:00"]}

Adder = Callable[[datetime, timedelta], datetime]


def public_holidays() -> list[date]:
    """China's 2026-2027 public holidays, as one explicit list for every library."""
    return sorted(holidays.country_holidays("CN", years=[2026, 2027]))


def make_pairs(count: int) -> list[tuple[datetime, timedelta]]:
    """Starts anywhere in 2026 (also at night and weekends), durations of 1 to 30 hours."""
    rng = random.Random(2026)
    zone = ZoneInfo(ZONE)
    base = datetime(2026, 1, 1, tzinfo=zone)
    return [
        (base + timedelta(minutes=rng.randrange(365 * 1440)), timedelta(hours=rng.randint(1, 30)))
        for _ in range(count)
    ]


def complaintkit_adder(days: list[date]) -> Adder:
    return BusinessCalendar(ZONE, HOURS, holidays=days).add


def businesstimedelta_adder(days: list[date]) -> Adder:
    tz = pytz.timezone(ZONE)
    # businesstimedelta fails when no holiday follows within five years: end with a far one
    rule = btd.Rules(
        [
            btd.WorkDayRule(start_time=wall_time(9), end_time=wall_time(18), tz=tz),
            btd.LunchTimeRule(start_time=wall_time(12), end_time=wall_time(13, 30), tz=tz),
            btd.HolidayRule([*days, date(2031, 1, 1)], tz=tz),
        ]
    )

    def add(start: datetime, duration: timedelta) -> datetime:
        result: datetime = start + btd.BusinessTimeDelta(rule, timedelta=duration)
        return result

    return add


def pandas_adder(days: list[date]) -> Adder | None:
    try:
        import pandas as pd  # noqa: PLC0415 - optional peer
    except ImportError:
        return None
    offsets = {
        hours: pd.offsets.CustomBusinessHour(
            n=hours, start=["09:00", "13:30"], end=["12:00", "18:00"], holidays=days
        )
        for hours in range(1, 31)
    }

    def add(start: datetime, duration: timedelta) -> datetime:
        stamp = pd.Timestamp(start) + offsets[duration // timedelta(hours=1)]
        result: datetime = stamp.to_pydatetime()
        return result

    return add


def measure(
    add: Adder, pairs: Sequence[tuple[datetime, timedelta]]
) -> tuple[float, list[datetime]]:
    began = time.process_time()  # CPU time: a busy machine skews it less than wall time
    results = [add(start, duration) for start, duration in pairs]
    return len(pairs) / (time.process_time() - began), results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--peer-pairs", type=int, default=None, help="fewer pairs for slow peers")
    args = parser.parse_args()
    days = public_holidays()
    pairs = make_pairs(args.pairs)
    peer_pairs = pairs[: args.peer_pairs or args.pairs]
    calendar = BusinessCalendar(ZONE, HOURS, holidays=days)

    rows: list[tuple[str, int, float]] = []
    rate, ours = measure(complaintkit_adder(days), pairs)
    rows.append(("complaintkit", len(pairs), rate))

    rate, theirs = measure(businesstimedelta_adder(days), peer_pairs)
    mismatches = sum(a != b for a, b in zip(ours, theirs, strict=False))
    assert mismatches == 0, f"businesstimedelta disagrees on {mismatches} pairs"
    rows.append(("businesstimedelta", len(peer_pairs), rate))

    pandas_add = pandas_adder(days)
    if pandas_add is None:
        print("pandas is not installed; skipping CustomBusinessHour")
    else:
        rate, theirs = measure(pandas_add, peer_pairs)
        # pandas rolls a deadline that lands on a closing time on to the next opening
        rolled = [calendar.next_working_instant(result) for result in ours]
        mismatches = sum(a != b for a, b in zip(rolled, theirs, strict=False))
        assert mismatches == 0, f"pandas disagrees on {mismatches} pairs"
        rows.append(("pandas CustomBusinessHour", len(peer_pairs), rate))

    print(f"{'library':<28}{'pairs':>10}{'deadlines/s':>14}{'complaintkit is':>18}")
    for name, count, rate in rows:
        versus = f"{rows[0][2] / rate:,.0f}x faster" if name != rows[0][0] else "-"
        print(f"{name:<28}{count:>10,}{rate:>14,.0f}{versus:>18}")
    print("all libraries agree on every pair")


if __name__ == "__main__":
    main()
