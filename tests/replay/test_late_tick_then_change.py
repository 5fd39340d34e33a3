"""A scheduler that ticked late, then a person's change: the replay fires what the tick
fired at the tick, before the change, as the store did.

Found by test_replay_shipped_policies: a supermarket case left unticked past its
deadlines, ticked a day late at 21:01 (the regional manager's level reassigned it to
zhao.region), then reassigned by an agent at 21:02. The replay fired the tick's levels
only at 21:02, after the agent's reassignment, and reported "owner qa.zhou →
zhao.region" for the policy in force."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

ROOT = Path(__file__).resolve().parents[2]
RECEIVED = datetime(2026, 9, 29, 21, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize("store", ["memory:", "sqlite"])
@pytest.mark.parametrize("then", ["assign", "respond"])
def test_a_change_after_a_late_tick_follows_what_the_tick_fired(
    tmp_path: Path, store: str, then: str
) -> None:
    url = store if store == "memory:" else f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(RECEIVED)
    desk = Desk(
        load_policy(ROOT / "policies" / "retail" / "supermarket.yaml"), storage=url, clock=clock
    )
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "X-1",
            "customer": {"id": "A"},
            "text": "买的牛奶变质了 孩子喝了一口",  # food safety, a child: urgent, 24h
            "received_at": RECEIVED.isoformat(),
        }
    )
    clock.set(RECEIVED + timedelta(hours=24, minutes=1))  # a day late: every level at once
    desk.tick(clock.now())
    assert desk.get(case.id).owner == "zhao.region"
    clock.advance(timedelta(minutes=1))
    if then == "assign":
        desk.assign(case.id, owner="qa.zhou", actor="agent")  # a member of the team
    else:
        desk.respond(case.id, "we are on it", actor="agent")
    clock.advance(timedelta(hours=1))
    desk.tick(clock.now())
    result = replay_store(desk.storage, desk.policy, Plugins())
    desk.storage.close()
    assert [(c.case_id, c.changes) for c in result.comparison.listed] == []
