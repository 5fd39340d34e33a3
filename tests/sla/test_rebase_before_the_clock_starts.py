"""A clock waiting for the next opening (``after_hours: next_opening``) has not started:
re-based before then, it starts where it was to start, not at the move to the new
version, which put the deadline days earlier for a policy that changed nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sla_helpers import SlaTestPolicy, complaint

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.sla.policy import compile_sections

LONDON = ZoneInfo("Europe/London")
RECEIVED = datetime(2026, 3, 6, 18, 30, tzinfo=LONDON)  # Friday, after the close
MOVED = datetime(2026, 3, 7, 10, tzinfo=LONDON)  # Saturday: the clock has not started


def _policy(target: dict[str, Any], version: str, mode: str | None = None) -> SlaTestPolicy:
    sla: dict[str, Any] = {"calendar": "uk", "warnings": [], "targets": [{"resolution": target}]}
    if mode is not None:
        sla["migrate"] = {"mode": mode, "from": ["1"]}
    calendars = {"uk": {"timezone": "Europe/London", "hours": {"mon-fri": ["09:00-17:00"]}}}
    return SlaTestPolicy(compile_sections({"calendars": calendars, "sla": sla}), version)


@pytest.mark.parametrize("mode", ["rebase", "rebase_keep_elapsed"])
@pytest.mark.parametrize(
    ("target", "due"),
    [
        ({"within": "3 days"}, datetime(2026, 3, 12, 9, tzinfo=LONDON)),
        ({"within": "3 business days", "ends": "end_of_day"}, datetime(2026, 3, 13, tzinfo=LONDON)),
        ({"within": "10 business hours"}, datetime(2026, 3, 10, 11, tzinfo=LONDON)),
    ],
)
def test_a_clock_re_based_before_the_next_opening_starts_there(
    mode: str, target: dict[str, Any], due: datetime
) -> None:
    target = {**target, "after_hours": "next_opening"}
    clock = ManualClock(RECEIVED)
    desk = Desk(_policy(target, "1"), storage="memory:", clock=clock)
    case_id = desk.intake(complaint(at=RECEIVED)).id
    assert desk.get(case_id).clocks.metrics["resolution"].due_at == due
    clock.set(MOVED)
    moved = Desk(_policy(target, "2", mode), storage=desk.storage, clock=clock)
    moved.record_event(case_id, "note", actor="li.na")
    state = moved.get(case_id).clocks.metrics["resolution"]
    assert [e.kind for e in moved.history(case_id)].count("sla_rebased") == 1
    assert state.started_at == datetime(2026, 3, 9, 9, tzinfo=LONDON)
    assert state.due_at == due
