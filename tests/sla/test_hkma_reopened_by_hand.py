"""The HKMA pack's 30-day reply after the case was resolved and reopened, against Cap. 1
s. 71 worked by hand: the period carries on with the days and hours it had left (none
once its time ran out, its last day not over), ends at 24:00 Hong Kong time on the day
they run out, and a last day that is a Sunday or general holiday moves to the next day
that is not one — never before the deadline it had. General holidays as the Government
Gazette lists them for 2026 (and early 2027), typed out below."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import sla_helpers
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.policy.compiled import Policy, load_policy

PACK = Path(__file__).parents[2] / "policies" / "regulatory" / "hkma-complaints.yaml"
HK = ZoneInfo("Asia/Hong_Kong")
GENERAL_HOLIDAYS = frozenset(
    date.fromisoformat(day)
    for day in (
        "2026-01-01", "2026-02-17", "2026-02-18", "2026-02-19", "2026-04-03", "2026-04-04",
        "2026-04-06", "2026-04-07", "2026-05-01", "2026-05-25", "2026-06-19", "2026-07-01",
        "2026-09-26", "2026-10-01", "2026-10-19", "2026-12-25", "2026-12-26",
        "2027-01-01", "2027-02-06", "2027-02-08", "2027-02-09",
    )
)  # fmt: skip


def end_of(last: date) -> datetime:
    """24:00 of ``last``, moved past Sundays and general holidays (s. 71(1)(c))."""
    while last.weekday() == 6 or last in GENERAL_HOLIDAYS:
        last += timedelta(days=1)
    return datetime.combine(last + timedelta(days=1), time(0), HK)


@cache
def pack() -> Policy:
    return load_policy(PACK)


def reopened_due(received: datetime, resolved: datetime, reopened: datetime) -> datetime | None:
    return sla_helpers.reopened_due(pack(), received, resolved, reopened)


def expected(received: datetime, resolved: datetime, reopened: datetime) -> datetime:
    runs_out = received.astimezone(HK) + timedelta(days=30)
    first = end_of(runs_out.date())
    left = runs_out - resolved.astimezone(HK)  # Hong Kong keeps no summer time
    carried = reopened.astimezone(HK) + max(left, timedelta(0))
    return max(first, end_of(carried.date()))


def at(day: str, hour: time) -> datetime:
    return datetime.combine(date.fromisoformat(day), hour, HK)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.integers(0, 240 * 24 * 60),
    st.floats(0.05, 0.999),
    st.integers(1, 60 * 24 * 60),
    st.sampled_from([None, time(0), time(9), time(23, 59, 59)]),
)
# received Thu 20 Aug 10:00, due 24:00 Sat 19 Sep; resolved at 23:16 that day, after its
# time ran out, reopened on the general holiday Sat 26 Sep: ends with Mon 28 Sep (Sunday
# the 27th is one too)
@example(231 * 24 * 60 + 10 * 60, 0.999, 7 * 24 * 60, None)
def test_hkma_reopened_reply_ends_at_24_00_of_a_day_that_is_not_a_general_holiday(
    received_minute: int, share: float, later: int, wall: time | None
) -> None:
    received = datetime(2026, 1, 1, tzinfo=HK) + timedelta(minutes=received_minute)
    due = end_of(received.date() + timedelta(days=30))
    resolved = received + (due - received) * share
    reopened = resolved + timedelta(minutes=later)
    if wall is not None:
        reopened = max(reopened, datetime.combine(reopened.date(), wall, HK))
    found = reopened_due(received.astimezone(UTC), resolved, reopened)
    assert found == expected(received, resolved, reopened)
