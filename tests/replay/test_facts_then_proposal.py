"""Facts set and compensation proposed at one instant: the replay decides the proposal on
the facts set just before it, as the Desk did.

Found by test_lifecycles_replay_identically (taken at first for two cases of a customer
opened at one instant): a loss of 120 CNY set, then a proposal at the same instant; the
replay decided every recorded proposal of the change before folding any of its events, so
the proposal saw no loss and the policy in force replayed 1155.50 as 1035.50 CNY."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

POLICY = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
RECEIVED = datetime(2026, 11, 2, 1, tzinfo=UTC)


@pytest.mark.parametrize(("loss", "later"), [(120, 0), (4000, 0), (120, 30)])
def test_a_proposal_reads_the_facts_set_at_its_instant(loss: int, later: int) -> None:
    clock = ManualClock(RECEIVED)
    desk = Desk(load_policy(POLICY), storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "W1",
            "customer": {"id": "C1"},
            "text": "The milk was spoiled when I opened it",
            "amount": {"amount": "35.50", "currency": "CNY"},
            "received_at": RECEIVED.isoformat(),
        }
    )
    clock.advance(timedelta(minutes=later))  # with or without the intake's instant
    found = {"unsafe_food": True, "loss": Money(Decimal(loss), "CNY")}
    desk.set_facts(case.id, found, actor="li.na")
    proposed = desk.propose_compensation(case.id, actor="li.na").compensation[-1]
    assert Decimal(proposed["decision"]["total"]["amount"]) > loss  # the loss was counted
    result = replay_store(desk.storage, desk.policy, Plugins())
    desk.storage.close()
    assert [(c.case_id, c.changes) for c in result.comparison.listed] == []
