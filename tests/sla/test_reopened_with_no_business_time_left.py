"""A PSD2 case resolved after the close of its 15th business day (its business time used
up, its period not over until 24:00) and reopened later: the period carries on with
nothing left, so it ends at 24:00 of the business day the reopening falls in — the next
business day when that is a weekend, a bank holiday or after the close — as it would
with a minute left. Counted by hand over gov.uk's England and Wales bank holidays for
2026 (Good Friday 3 Apr, Easter Monday 6 Apr, 4 and 25 May, 31 Aug, Christmas Day and
Boxing Day observed on Monday 28 Dec), written out below."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import sla_helpers
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.policy.compiled import Policy, load_policy

PACK = Path(__file__).parents[2] / "policies" / "regulatory" / "psd2-art101.yaml"
LONDON = ZoneInfo("Europe/London")
BANK_HOLIDAYS = frozenset(
    date.fromisoformat(day)
    for day in ("2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
                "2026-12-25", "2026-12-28", "2027-01-01")
)  # fmt: skip
#: Received Mon 7 Sep 2026 10:00 BST: 8-11, 14-18, 21-25 and 28 Sep are the 15 business
#: days; the time (7 hours of the 7th and 15 days of 8) runs out at 17:00 on Mon 28 Sep,
#: and the period ends at 24:00 that day.
RECEIVED = datetime(2026, 9, 7, 10, tzinfo=LONDON)
RAN_OUT = datetime(2026, 9, 28, 17, tzinfo=LONDON)


def business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def business_day_of(moment: datetime) -> date:
    """The business day a reopening falls in: its own date before the 17:00 close of a
    business day, else the next business day."""
    local = moment.astimezone(LONDON)
    day = local.date()
    if business_day(day) and local.time() < time(17):
        return day
    day += timedelta(days=1)
    while not business_day(day):
        day += timedelta(days=1)
    return day


def midnight_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), LONDON)


@cache
def pack() -> Policy:
    return load_policy(PACK)


def reopened_due(resolved: datetime, reopened: datetime) -> datetime | None:
    return sla_helpers.reopened_due(pack(), RECEIVED, resolved, reopened)


def test_reopened_on_a_saturday_ends_with_monday_as_with_a_minute_left() -> None:
    saturday = datetime(2026, 10, 17, 10, tzinfo=LONDON)
    monday_ends = datetime(2026, 10, 20, 0, tzinfo=LONDON)
    assert reopened_due(RAN_OUT - timedelta(minutes=1), saturday) == monday_ends
    assert reopened_due(RAN_OUT + timedelta(minutes=30), saturday) == monday_ends


def test_reopened_at_midnight_with_nothing_left_is_due_at_the_end_of_that_day() -> None:
    tuesday = datetime(2026, 10, 13, 0, tzinfo=LONDON)
    assert reopened_due(RAN_OUT + timedelta(hours=6), tuesday) == midnight_after(tuesday.date())


def test_reopened_on_christmas_day_ends_after_the_boxing_day_substitute() -> None:
    christmas = datetime(2026, 12, 25, 10, tzinfo=LONDON)
    # Sat 26, Sun 27, Mon 28 Dec (Boxing Day observed) are not business days
    assert reopened_due(RAN_OUT, christmas) == datetime(2026, 12, 30, 0, tzinfo=LONDON)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.integers(0, 7 * 3600 - 1),
    st.integers(0, 100 * 24 * 60).map(
        lambda minutes: datetime(2026, 9, 29, tzinfo=UTC) + timedelta(minutes=minutes)
    ),
)
@example(0, datetime(2026, 10, 24, 23, 0, tzinfo=UTC))  # 00:00 on the day GMT returns
@example(3600, datetime(2026, 10, 13, 16, 0, tzinfo=UTC))  # 17:00 BST, the close
@example(3600, datetime(2026, 12, 24, 17, 0, tzinfo=UTC))  # Christmas Eve after the close
def test_a_reopened_period_with_nothing_left_ends_at_24_00_of_a_business_day_after_it(
    after_close: int, reopened: datetime
) -> None:
    due = reopened_due(RAN_OUT + timedelta(seconds=after_close), reopened)
    assert due == midnight_after(business_day_of(reopened))
    assert due is not None
    assert due > reopened
