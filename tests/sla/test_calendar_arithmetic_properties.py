"""Invariants of business-time arithmetic on a calendar with a lunch break, public holidays
and summer time (Sydney moves its clocks in April and October, inside the Sunday shift): adding then measuring
round-trips, and every deadline is monotone in the instant it counts from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import Policy, load_policy
from complaintkit.sla.calendar import BusinessCalendar

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
PACK = Path(__file__).parents[2] / "policies" / "regulatory" / "asic-rg271.yaml"
SYDNEY = BusinessCalendar.from_mapping(
    {
        "timezone": "Australia/Sydney",
        "hours": {"mon-fri": ["08:30-12:30", "13:30-17:00"], "sun": ["01:30-03:30"]},
        "holiday_country": "AU",
        "holiday_subdivision": "NSW",
    }
)
START, END = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 12, 31, tzinfo=UTC)
instants = st.integers(0, int((END - START).total_seconds())).map(
    lambda s: START + timedelta(seconds=s)
)
durations = st.integers(1, 400 * 3600).map(lambda s: timedelta(seconds=s))


@SETTINGS
@given(instants, durations)
@example(datetime(2026, 10, 3, 14, 45, tzinfo=UTC), timedelta(hours=1))  # 00:45, 02:00 skipped
@example(datetime(2026, 4, 4, 15, 15, tzinfo=UTC), timedelta(hours=2))  # 02:15, 02:00 repeated
@example(datetime(2026, 4, 4, 16, 45, tzinfo=UTC), timedelta(minutes=50))  # the second 02:45
def test_business_time_added_is_the_business_time_measured(
    start: datetime, duration: timedelta
) -> None:
    due = SYDNEY.add(start, duration)
    assert SYDNEY.elapsed(start, due) == duration
    assert SYDNEY.elapsed(start, due - timedelta(microseconds=1)) < duration


@SETTINGS
@given(instants, instants, durations)
def test_business_time_added_is_monotone_in_the_start(
    a: datetime, b: datetime, duration: timedelta
) -> None:
    early, late = sorted((a, b))
    assert SYDNEY.add(early, duration) <= SYDNEY.add(late, duration)


@SETTINGS
@given(instants, instants, st.integers(0, 60))
def test_business_days_added_are_monotone_in_the_start(a: datetime, b: datetime, days: int) -> None:
    early, late = sorted((a, b))
    assert SYDNEY.add_business_days(early, days) <= SYDNEY.add_business_days(late, days)
    assert SYDNEY.add_business_days(early, days) <= SYDNEY.add_business_days(early, days + 1)


@cache
def pack() -> Policy:
    return load_policy(PACK)


def _due(received: datetime, attributes: dict[str, str]) -> dict[str, datetime]:
    desk = Desk(pack(), clock=ManualClock(received))
    complaint = {
        "channel": "web",
        "external_id": "A-1",
        "received_at": received.isoformat(),
        "customer": {"id": "C-1"},
        "text": "A card fee was charged twice",
        "attributes": attributes,
    }
    case = desk.intake(complaint)
    return {name: state.due_at for name, state in case.clocks.metrics.items() if state.due_at}


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    instants, st.integers(0, 3 * 24 * 3600), st.sampled_from([{}, {"sector": "trustee_company"}])
)
def test_a_later_receipt_is_never_due_earlier(
    received: datetime, later: int, attributes: dict[str, str]
) -> None:
    first, second = (
        _due(received, attributes),
        _due(received + timedelta(seconds=later), attributes),
    )
    assert all(first[metric] <= second[metric] for metric in first)
