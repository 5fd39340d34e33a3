"""A clock an import recorded, resumed here when the case is reopened, is run by the policy
from then on: replaying the policy in force plays its reactions once, and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("timely", ["yes", "no"])
@pytest.mark.parametrize("hours", [0, 30])
def test_a_reopened_import_with_a_recorded_outcome_replays_unchanged(
    timely: str, hours: int
) -> None:
    clock = ManualClock(NOW)
    desk = Desk(load_policy("policies/retail/supermarket.yaml"), clock=clock)
    case = desk.intake(
        {
            "channel": "old-desk",
            "external_id": "T-1",
            "received_at": "2026-10-20T10:00:00+08:00",
            "customer": {"id": "C1"},
            "text": "The staff at the checkout were rude to me",
            "history": {"status": "closed", "sla": {"resolution": timely}},
        }
    )
    desk.reopen(case.id, actor="amy.store", reason="the customer called again")
    for _ in range(hours):
        clock.advance(timedelta(hours=1))
        desk.tick(clock.now())
    desk.resolve(case.id, "apologised", actor="amy.store")
    result = replay_store(desk.storage, desk.policy, Plugins())
    assert (result.comparison.cases, result.comparison.listed) == (1, [])
