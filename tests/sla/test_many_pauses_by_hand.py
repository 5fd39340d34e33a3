"""Hundreds of waits on the customer on a Sunday-to-Thursday calendar with holidays, against
business time counted by hand: the deadline is where the working time outside the waits
reaches the target, and the breach is recorded at the instant it did. Waits start and end
at openings and closes as well as anywhere, over weekends and holidays; the case read back
from SQLite is the case as it ran, and replaying its history changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from opened import OPENED

RIYADH = timezone(timedelta(hours=3))  # Asia/Riyadh keeps +03:00 all year
HOLIDAYS = {date(2026, 3, 19), date(2026, 3, 22), date(2026, 3, 23)}
OPENS, CLOSES = time(8), time(16)
POLICY = """
complaintkit: 1
name: gulf
version: "1"
categories: {{other: {{label: other}}}}
severities: {{minor: {{label: minor}}}}
priorities: {{normal: {{label: normal}}}}
classification:
  - rules: []
    default: {{category: other, severity: minor, priority: normal}}
routing: {{rules: [], default: {{owner: amal}}}}
calendars:
  gulf:
    timezone: Asia/Riyadh
    hours: {{sun-thu: ["08:00-16:00"]}}
    holidays: ["2026-03-19", "2026-03-22", "2026-03-23"]
sla:
  calendar: gulf
  warnings: []
  targets:
    - resolution: {hours} business hours
"""
RECEIVED = datetime(2026, 3, 1, 9, tzinfo=RIYADH)  # a Sunday


def _open_hours(day: date) -> tuple[datetime, datetime] | None:
    """Sunday to Thursday, 08:00 to 16:00, except the holidays (by hand, not by the library)."""
    if day.weekday() in (4, 5) or day in HOLIDAYS:  # Friday, Saturday
        return None
    return datetime.combine(day, OPENS, RIYADH), datetime.combine(day, CLOSES, RIYADH)


def _worked(start: datetime, end: datetime) -> timedelta:
    total, day = timedelta(0), start.astimezone(RIYADH).date()
    while day <= end.astimezone(RIYADH).date():
        hours = _open_hours(day)
        if hours is not None:
            total += max(timedelta(0), min(hours[1], end) - max(hours[0], start))
        day += timedelta(days=1)
    return total


def _after(start: datetime, span: timedelta) -> datetime:
    """The instant ``span`` of working time after ``start``."""
    day = start.astimezone(RIYADH).date()
    while True:
        hours = _open_hours(day)
        if hours is not None and hours[1] > start:
            begin = max(hours[0], start)
            if hours[1] - begin >= span:
                return begin + span
            span -= hours[1] - begin
        day += timedelta(days=1)


#: a step: minutes on, or to the next opening or close (a wait ends exactly there too)
steps = st.one_of(
    st.integers(0, 600).map(lambda minutes: ("minutes", minutes)),
    st.sampled_from([("at", OPENS), ("at", CLOSES)]),
)


def _moved(now: datetime, step: tuple[str, object]) -> datetime:
    kind, value = step
    if kind == "minutes":
        assert isinstance(value, int)
        return now + timedelta(minutes=value)
    assert isinstance(value, time)
    later = datetime.combine(now.astimezone(RIYADH).date(), value, RIYADH)
    return later if later >= now else later + timedelta(days=1)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    hours=st.sampled_from([40, 200, 900]),
    waits=st.lists(st.tuples(steps, steps), min_size=100, max_size=200),
)
def test_hundreds_of_waits_move_the_deadline_by_the_working_time_they_took(
    tmp_path_factory: pytest.TempPathFactory,
    hours: int,
    waits: list[tuple[tuple[str, object], tuple[str, object]]],
) -> None:
    budget = timedelta(hours=hours)
    folder = tmp_path_factory.mktemp("pauses")
    (folder / "policy.yaml").write_text(POLICY.format(hours=hours), encoding="utf-8")
    policy = load_policy(folder / "policy.yaml")
    url = f"sqlite:///{folder / 'cases.db'}"
    clock = ManualClock(RECEIVED)
    desk = Desk(policy, storage=url, clock=clock)
    OPENED.append(desk.storage)  # closed after the test, with its checkpointing thread
    case_id = desk.intake(
        {
            "channel": "email",
            "external_id": "m-1",
            "received_at": RECEIVED.isoformat(),
            "customer": {"id": "c-1"},
            "text": "The refund never arrived",
        }
    ).id
    desk.transition(case_id, "investigating", actor="amal")
    now = resumed = RECEIVED
    used, breached = timedelta(0), None
    for ran, waited in waits:
        now = _moved(now, ran)
        clock.set(now)
        desk.transition(case_id, "waiting_on_customer", actor="amal")
        ran_for = _worked(resumed, now)
        if breached is None and used + ran_for >= budget:
            breached = _after(resumed, budget - used)
        used += ran_for
        now = resumed = _moved(now, waited)
        clock.set(now)
        desk.transition(case_id, "investigating", actor="amal")
    state = desk.get(case_id).clocks.metrics["resolution"]
    if breached is None:
        assert state.due_at == _after(resumed, budget - used)
    else:
        desk.tick()
        state = desk.get(case_id).clocks.metrics["resolution"]
        assert state.breached_at == breached
    again = Desk(policy, storage=url, clock=ManualClock(now))
    OPENED.append(again.storage)
    assert again.get(case_id).clocks.metrics["resolution"] == state
    replayed = replay_store(again.storage, policy, again.plugins)
    assert replayed.comparison.to_json()["changed"] == 0
    assert not replayed.damaged
    assert not replayed.rejected
