"""``replay`` under a candidate policy with no ``compensation`` section, over a case whose
20 yuan voucher was proposed: the Desk under that policy refuses every proposal ("the
policy has no compensation section"), yet the replay counted the recorded 20 yuan as the
candidate's own proposal without a word. It is counted for it still, and said, as for any
proposal the candidate cannot decide."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

POLICY = Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml"
CANDIDATE = """
complaintkit: 1
name: no-remedies
version: "1"
categories: {other: {label: 其他}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 一般}}
teams: {desk: {label: 客服组, default_owner: 李娜}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: desk}}
sla:
  warnings: []
  targets:
    - resolution: 72h
"""


def test_a_proposal_the_candidate_cannot_make_is_said(tmp_path: Path) -> None:
    candidate = tmp_path / "candidate.yaml"
    candidate.write_text(CANDIDATE, encoding="utf-8")
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
    with SQLiteStorage(f"sqlite:///{tmp_path / 's.db'}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "V1",
                "received_at": clock.now().isoformat(),
                "customer": {"id": "顾客"},
                "text": "配送延误了三个小时",
            }
        )
        clock.advance(timedelta(hours=1))
        desk.propose_compensation(case.id, actor="li.na")
        result = replay_store(storage, load_policy(candidate), Plugins())
    assert result.comparison.cases == 1
    ((source, why),) = result.rejected
    assert source == f"case {case.id}"
    assert "the candidate policy cannot decide compensation" in why
    assert "no compensation section" in why
    assert "the recorded decision is counted for it" in why
