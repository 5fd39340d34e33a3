"""A change replayed under a policy whose ladder has a level due before it, with no stored
sweep between: the replay sweeps at the change's instant first, as the Desk does
(``swept_first``), so it ends where a Desk under that policy would have.

Found by review: the store's policy had no such level, so no sweep was stored before the
manager's assignment; the rehearsal made the assignment first and fired the level after it,
and the level's reassignment undid the manager's (owner manager.x → lead.early)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.replay.outcome import Outcome

POLICY = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
RECEIVED = datetime(2026, 11, 2, 1, tzinfo=UTC)


def _early_level(folder: Path) -> Path:
    """The policy in force with a level reassigning at a quarter of the first-response budget (1h of 4h)."""
    path = folder / "early.yaml"
    path.write_text(
        f"extends: {POLICY}\nversion: 'early'\nescalation:\n  ladders:\n    - name: early\n"
        "      when: {field: case.team, ==: logistics}\n"  # lead.early is no quality member
        "      levels:\n        - name: lead\n"
        "          trigger: {sla: first_response, elapsed: 0.25}\n"
        "          actions: [{reassign: {owner: lead.early}}]\n",
        encoding="utf-8",
    )
    return path


def _played(policy: Path, change_after: timedelta, then: str) -> tuple[Desk, str]:
    clock = ManualClock(RECEIVED)
    desk = Desk(load_policy(policy), storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "W1",
            "customer": {"id": "C1"},
            "text": "My delivery was late by two days",  # high: answered within 4h,
            "received_at": RECEIVED.isoformat(),
        }
    )
    clock.advance(change_after)  # no sweep in between
    if then == "assign":
        desk.assign(case.id, owner="manager.x", actor="lead")
    else:
        desk.respond(case.id, "on it", actor="li.na")
    return desk, case.id


@pytest.mark.parametrize("then", ["assign", "respond"])
@pytest.mark.parametrize("hours", [2, 1])  # after the level's instant, and at it
def test_a_replayed_change_comes_after_a_sweep_at_its_instant(
    tmp_path: Path, hours: int, then: str
) -> None:
    candidate = _early_level(tmp_path)
    stored, case_id = _played(POLICY, timedelta(hours=hours), then)
    desk, made_id = _played(candidate, timedelta(hours=hours), then)  # the Desk under it
    made = Outcome.of(desk.storage.get(made_id), desk.storage.events(made_id))
    assert made.escalation_level == 1  # the level fired on the Desk, before the change
    result = replay_store(stored.storage, load_policy(candidate), Plugins(), case_id=case_id)
    assert result.detail is not None
    assert result.detail.candidate.to_json() == made.to_json()
