"""A case imported closed and reopened here runs the clocks a reopened case runs (history.md):
a replay re-runs them too, under the policy in force and under a candidate."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from complaintkit.clock import ManualClock
from complaintkit.demo.script import demo_policy_path
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

RECEIVED = datetime(2026, 11, 20, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
PRICE = {"amount": "12.80", "currency": "CNY"}


def _reopened_import(url: str, clock: ManualClock) -> Desk:
    """A complaint imported closed (answered within the hour), reopened three days later
    and left unanswered for two days, the scheduler ticking on time."""
    desk = Desk(load_policy(demo_policy_path()), storage=url, clock=clock)
    case = desk.intake(
        {
            "channel": "old-desk",
            "external_id": "T-1",
            "received_at": RECEIVED.isoformat(),
            "customer": {"id": "C1"},
            "text": "The staff at the checkout were rude to me",
            "amount": PRICE,
            "history": {
                "status": "closed",
                "first_response_at": (RECEIVED + timedelta(hours=1)).isoformat(),
                "closed_at": (RECEIVED + timedelta(hours=5)).isoformat(),
            },
        }
    )
    desk.reopen(case.id, actor="amy.store", reason="the customer called again")
    for _ in range(48):
        clock.advance(timedelta(hours=1))
        desk.tick(clock.now())
    return desk


def test_the_policy_in_force_replays_the_reopened_import_unchanged(tmp_path: Path) -> None:
    for url in ("memory:", f"sqlite:///{tmp_path / 'c.db'}"):
        clock = ManualClock(RECEIVED + timedelta(days=3))
        desk = _reopened_import(url, clock)
        (case_id,) = desk.storage.case_ids()
        assert "sla_warning" in {e.kind for e in desk.history(case_id)}  # clocks ran here
        result = replay_store(desk.storage, desk.policy, Plugins())
        desk.storage.close()
        assert (result.comparison.cases, result.comparison.listed) == (1, []), url


def test_a_candidate_target_reaches_the_clocks_of_the_reopening(tmp_path: Path) -> None:
    text = demo_policy_path().read_text(encoding="utf-8")
    assert "      resolution: 5 business days" in text
    candidate = tmp_path / "resolution-8h.yaml"
    candidate.write_text(text.replace("resolution: 5 business days", "resolution: 8h"), "utf-8")
    desk = _reopened_import("memory:", ManualClock(RECEIVED + timedelta(days=3)))
    result = replay_store(desk.storage, load_policy(candidate), Plugins())
    (changed,) = result.comparison.listed
    assert "resolution breached" in changed.changes
