"""A deadline missed under the policy in force is missed, whether or not a sweep noticed
it before a new policy version re-based the clock: the breach belongs to the old clock's
history, recorded at the instant it ran out, and ``rebase_keep_elapsed`` keeps it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sla_helpers import START, SlaTestPolicy, complaint

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.sla.policy import compile_sections

H = timedelta(hours=1)


def _policy(resolution: str, version: str, mode: str | None = None) -> SlaTestPolicy:
    sla: dict[str, Any] = {
        "warnings": [],
        "targets": [{"first_response": "1h", "resolution": resolution}],
    }
    if mode is not None:
        sla["migrate"] = {"mode": mode, "from": ["1"]}
    return SlaTestPolicy(compile_sections({"sla": sla}), version)


def _breaches(desk: Desk, case_id: str) -> list[str]:
    return [e.data["due_at"] for e in desk.history(case_id) if e.kind == "sla_breached"]


@pytest.mark.parametrize("swept", [False, True])
@pytest.mark.parametrize("mode", ["rebase", "rebase_keep_elapsed"])
def test_a_breach_under_the_old_version_is_recorded_swept_or_not(swept: bool, mode: str) -> None:
    clock = ManualClock(START)
    desk = Desk(_policy("10h", "1"), storage="memory:", clock=clock)
    case_id = desk.intake(complaint()).id
    desk.respond(case_id, "已收到", actor="li.na")
    if swept:
        clock.set(START + 11 * H)
        desk.tick()
    clock.set(START + 15 * H)
    moved = Desk(_policy("20h", "2", mode), storage=desk.storage, clock=clock)
    moved.record_event(case_id, "note", actor="li.na")
    assert _breaches(moved, case_id) == [(START + 10 * H).isoformat()]
    state = moved.get(case_id).clocks.metrics["resolution"]
    expected = START + 10 * H if mode == "rebase_keep_elapsed" else None
    assert state.breached_at == expected


def test_a_sweep_after_the_deadline_migrates_after_recording_the_breach() -> None:
    clock = ManualClock(START)
    desk = Desk(_policy("10h", "1"), storage="memory:", clock=clock)
    case_id = desk.intake(complaint()).id
    desk.respond(case_id, "已收到", actor="li.na")
    clock.set(START + 15 * H)
    moved = Desk(_policy("20h", "2", "rebase_keep_elapsed"), storage=desk.storage, clock=clock)
    moved.tick()
    state = moved.get(case_id).clocks.metrics["resolution"]
    assert state.breached_at == START + 10 * H
    assert _breaches(moved, case_id) == [(START + 10 * H).isoformat()]
