"""``rebase_keep_elapsed`` onto the same target keeps a clock's deadline also when its
time has run out and its last day has not ended (docs/sla.md: a clock whose time has run
out keeps its deadline through a pause that ends by then). Re-based after the close of
its last business day, '1 business day' ending at 24:00 was moved to the next business
day's 24:00, as if resumed then. And the new clock keeps the old one's pauses, so a pause
after the move folds the segments before it as the old clock would have."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sla_helpers import SlaTestPolicy, complaint

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.sla.explain import explain_deadlines, render_deadlines
from complaintkit.sla.policy import compile_sections

CALENDARS = {
    "shanghai": {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-12:00", "13:00-17:00"]}},
    "santiago": {
        "timezone": "America/Santiago",
        "hours": {"mon-sat": ["08:00-12:00", "13:00-18:00"]},
    },
    "london": {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}},
}
TARGETS = [
    {"within": "1 business day", "ends": "end_of_day"},
    {"within": "3 business days", "ends": "end_of_day", "roll": "next_business_day"},
    {"within": "5 business hours", "ends": "end_of_day"},
    {"within": "5日", "ends": "end_of_day"},
    {"within": "2 weeks", "ends": "end_of_day", "roll": "next_business_day"},
    {"within": "3日", "ends": "close_of_business"},
]
H = timedelta(hours=1)


def _policy(calendar: str, target: dict[str, Any], version: str) -> SlaTestPolicy:
    sla: dict[str, Any] = {
        "calendar": calendar,
        "warnings": [],
        "targets": [{"first_response": "10000h", "resolution": target}],
    }
    if version != "1":
        sla["migrate"] = {"mode": "rebase_keep_elapsed", "from": ["1"]}
    return SlaTestPolicy(compile_sections({"calendars": CALENDARS, "sla": sla}), version)


def _moved(desk: Desk, calendar: str, target: dict[str, Any], clock: ManualClock) -> Desk:
    return Desk(_policy(calendar, target, "2"), storage=desk.storage, clock=clock)


def test_re_based_after_the_close_of_its_last_day_it_keeps_that_day_s_end() -> None:
    received = datetime(2026, 3, 2, 2, tzinfo=UTC)  # Monday 10:00 in Shanghai
    clock = ManualClock(received)
    target = TARGETS[0]
    desk = Desk(_policy("shanghai", target, "1"), storage="memory:", clock=clock)
    case_id = desk.intake(complaint(at=received)).id
    due = datetime(2026, 3, 3, 16, tzinfo=UTC)  # Tuesday 24:00 in Shanghai
    assert desk.get(case_id).clocks.metrics["resolution"].due_at == due
    clock.set(datetime(2026, 3, 3, 12, tzinfo=UTC))  # Tuesday 20:00, after the close
    moved = _moved(desk, "shanghai", target, clock)
    moved.record_event(case_id, "note", actor="li.na")
    assert moved.get(case_id).clocks.metrics["resolution"].due_at == due


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    calendar=st.sampled_from(sorted(CALENDARS)),
    target=st.sampled_from(TARGETS),
    minutes=st.integers(0, 365 * 24 * 4).map(lambda quarters: 15 * quarters),
    pause=st.none() | st.tuples(st.floats(0, 0.99), st.floats(0, 1)),
    share=st.floats(0, 1, exclude_max=True),
    wait=st.none() | st.floats(0, 1),
)
@example(calendar="shanghai", target=TARGETS[0], minutes=0, pause=None, share=0.99, wait=None)
@example(
    calendar="santiago", target=TARGETS[1], minutes=6000, pause=(0.2, 0.5), share=0.97, wait=0.5
)
@example(  # paused after the close of its last day: its deadline behind the resumed clock
    calendar="shanghai", target=TARGETS[5], minutes=1050, pause=(0.875, 0.5), share=0.5, wait=None
)
def test_a_clock_moved_onto_the_same_target_keeps_its_deadline_whatever_it_used(
    calendar: str,
    target: dict[str, Any],
    minutes: int,
    pause: tuple[float, float] | None,
    share: float,
    wait: float | None,
) -> None:
    """Waits before and after the move, the time run out or not: the re-based clock's
    deadline is the one the old clock has at every step."""
    received = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    clock = ManualClock(received)
    kept = Desk(_policy(calendar, target, "1"), storage="memory:", clock=clock)
    case_id = kept.intake(complaint(at=received)).id
    copy = Desk(_policy(calendar, target, "1"), storage="memory:", clock=clock)
    copy_id = copy.intake(complaint(at=received)).id

    def due() -> datetime:
        state = kept.get(case_id).clocks.metrics["resolution"]
        assert state.due_at is not None
        return state.due_at

    def both(status: str) -> None:
        kept.transition(case_id, status, actor="li.na")
        copy.transition(copy_id, status, actor="li.na")

    both("investigating")
    if pause is not None:
        clock.set(received + (due() - received) * pause[0])
        both("waiting_on_customer")
        clock.set(clock.now() + timedelta(days=3) * pause[1])
        both("investigating")
    # a clock that ran out before its wait has its deadline behind it: time never runs back
    clock.set(max(clock.now(), clock.now() + (due() - clock.now()) * share))
    moved = _moved(kept, calendar, target, clock)
    moved.record_event(case_id, "note", actor="li.na")
    copy.record_event(copy_id, "note", actor="li.na")
    old = copy.get(copy_id).clocks.metrics["resolution"]
    assert moved.get(case_id).clocks.metrics["resolution"].due_at == old.due_at
    if wait is not None and old.due_at is not None and old.due_at > clock.now():
        clock.set(clock.now() + (old.due_at - clock.now()) * wait * 0.5)
        moved.transition(case_id, "waiting_on_customer", actor="li.na")
        copy.transition(copy_id, "waiting_on_customer", actor="li.na")
        clock.set(clock.now() + (old.due_at - clock.now()) * wait)
        moved.transition(case_id, "investigating", actor="li.na")
        copy.transition(copy_id, "investigating", actor="li.na")
        after = moved.get(case_id).clocks.metrics["resolution"]
        assert after.due_at == copy.get(copy_id).clocks.metrics["resolution"].due_at


def test_explain_lists_no_pause_for_the_move_of_a_running_clock() -> None:
    received = datetime(2026, 3, 2, 2, tzinfo=UTC)
    clock = ManualClock(received)
    desk = Desk(_policy("shanghai", TARGETS[0], "1"), storage="memory:", clock=clock)
    case_id = desk.intake(complaint(at=received)).id
    clock.set(datetime(2026, 3, 3, 12, tzinfo=UTC))
    moved = _moved(desk, "shanghai", TARGETS[0], clock)
    moved.record_event(case_id, "note", actor="li.na")
    assert moved.sla is not None
    explained = explain_deadlines(moved.get(case_id), moved.sla, clock.now())
    assert all("pauses none" in line for line in render_deadlines(explained) if "started" in line)
