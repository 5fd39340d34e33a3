"""``rebase_keep_elapsed`` takes the time a clock has used from the new target counted
where its period began. It counted the new target from the move, which for a period in
days already leaves out the time before it, and then took the time used off again: onto
a version that changed nothing, '0 business days' received at 15:15 and moved at 15:45
fell due at 16:29:30 instead of the 17:00 close, '1 business day' a day late."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sla_helpers import SlaTestPolicy, complaint

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.sla import clock as sla_clock
from complaintkit.sla.policy import compile_sections

CALENDARS = {
    "shanghai": {"timezone": "Asia/Shanghai", "hours": {"mon-fri": ["09:00-12:00", "13:00-17:00"]}},
    "santiago": {
        "timezone": "America/Santiago",
        "hours": {"mon-sat": ["08:00-12:00", "13:00-18:00"]},
    },
    "night": {"timezone": "Europe/London", "hours": {"mon-fri": ["22:00-06:00"]}},
}
TARGETS = [
    {"within": "0 business days"},
    {"within": "1 business day", "ends": "end_of_day"},
    {"within": "2 business days", "ends": "close_of_business", "roll": "next_business_day"},
    {"within": "2 business days"},
    {"within": "5日", "ends": "end_of_day", "roll": "next_business_day"},
    {"within": "3 business hours", "ends": "close_of_business"},
]


def _policy(calendar: str, target: dict[str, Any], version: str) -> SlaTestPolicy:
    sla: dict[str, Any] = {
        "calendar": calendar,
        "warnings": [],
        "targets": [{"first_response": "10000h", "resolution": target}],
    }
    if version != "1":
        sla["migrate"] = {"mode": "rebase_keep_elapsed", "from": ["1"]}
    return SlaTestPolicy(compile_sections({"calendars": CALENDARS, "sla": sla}), version)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    calendar=st.sampled_from(sorted(CALENDARS)),
    target=st.sampled_from(TARGETS),
    minutes=st.integers(0, 365 * 24 * 4).map(lambda quarters: 15 * quarters),
    share=st.floats(0, 0.99),
)
@example(calendar="shanghai", target=TARGETS[0], minutes=314355, share=0.3)  # Fri 15:15
def test_a_clock_moved_onto_the_same_target_keeps_its_deadline(
    calendar: str, target: dict[str, Any], minutes: int, share: float
) -> None:
    received = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    clock = ManualClock(received)
    desk = Desk(_policy(calendar, target, "1"), storage="memory:", clock=clock)
    case_id = desk.intake(complaint(at=received)).id
    before = desk.get(case_id).clocks.metrics["resolution"]
    assert before.due_at is not None
    assert desk.sla is not None
    moved_at = received + (before.due_at - received) * share
    meter = desk.sla.meter(before)
    assume(sla_clock.elapsed(before, meter, moved_at) < before.budget)  # time still left
    clock.set(moved_at)
    moved = Desk(_policy(calendar, target, "2"), storage=desk.storage, clock=clock)
    moved.record_event(case_id, "note", actor="li.na")
    after = moved.get(case_id).clocks.metrics["resolution"]
    assert after.due_at == before.due_at
