"""Facts given with a proposal (``propose_compensation(…, facts=…)``, the agent API's
``compensation {"facts": …}``, ``cases compensate --facts``) are recorded with it, so that
a replay decides the proposal on them as the Desk did.

Found by an outside check: a supermarket proposal given a loss of 4000 CNY paid 16035.50,
and a replay under the same policy said 1035.50 — the event kept the decision's money
inputs but not the facts it was given, and a finding such as ``unsafe_food`` not at all."""

from __future__ import annotations

from datetime import UTC, datetime
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


@pytest.mark.parametrize(
    "facts",
    [
        {"unsafe_food": True, "loss": Money(Decimal(4000), "CNY")},
        {"unsafe_food": True},
        {"unsafe_food": True, "loss": {"amount": "120.00", "currency": "CNY"}},
    ],
    ids=["finding and loss", "finding", "loss written as JSON"],
)
def test_a_replay_decides_a_proposal_on_the_facts_given_with_it(
    facts: dict[str, object],
) -> None:
    desk = Desk(load_policy(POLICY), storage="memory:", clock=ManualClock(RECEIVED))
    given, bare = (
        desk.intake(
            {
                "channel": "web",
                "external_id": f"W{n}",
                "customer": {"id": f"C{n}"},
                "text": "The milk was spoiled when I opened it",
                "amount": {"amount": "35.50", "currency": "CNY"},
                "received_at": RECEIVED.isoformat(),
            }
        ).id
        for n in (1, 2)
    )
    with_facts = desk.propose_compensation(given, facts=facts, actor="li.na").compensation[-1]
    without = desk.propose_compensation(bare, actor="li.na").compensation[-1]
    assert with_facts["decision"]["total"] != without["decision"]["total"]  # the facts counted
    result = replay_store(desk.storage, desk.policy, Plugins())
    desk.storage.close()
    assert result.rejected == []
    assert [(c.case_id, c.changes) for c in result.comparison.listed] == []
    assert result.comparison.money["current"] == result.comparison.money["candidate"]
