"""A refund decided while an earlier offer on the case paid the price back was held to what
remained (refunds together never more than was paid). When the customer then declined that
earlier offer, nothing paid the price back, yet the later proposal, offered, refunded only
what had remained: a 200-yuan price refunded 0.00. Offering it is refused now; proposing
again refunds the whole price."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import attrs
import pytest

from complaintkit.clock import ManualClock
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.desk.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.policy.assessment import EmptyPolicy

SECTION = {
    "currency": "CNY",
    "rules": [{"id": "back", "remedies": [{"kind": "refund", "full": True}]}],
}


@attrs.frozen
class CompensatingPolicy(EmptyPolicy):
    compensation: CompensationPolicy | None = None


def test_a_refund_held_to_an_offer_since_declined_is_not_offered_short() -> None:
    policy = CompensatingPolicy(compensation=compile_section(SECTION))
    desk = Desk(policy, storage="memory:", clock=ManualClock(datetime(2026, 11, 23, tzinfo=UTC)))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "x-1",
            "received_at": "2026-11-23T00:00:00+00:00",
            "customer": {"id": "c-1"},
            "text": "broken on arrival",
            "amount": {"amount": "200.00", "currency": "CNY"},
        }
    )
    desk.propose_compensation(case.id, actor="li.na")
    desk.offer_compensation(case.id, "comp-1", actor="li.na")
    desk.propose_compensation(case.id, actor="li.na")  # held to 0.00: all 200 offered back
    desk.decline_compensation(case.id, "comp-1", actor="customer")
    with pytest.raises(InvalidInput, match="short"):
        desk.offer_compensation(case.id, "comp-2", actor="li.na")
    desk.propose_compensation(case.id, actor="li.na")
    desk.offer_compensation(case.id, "comp-3", actor="li.na")
    accepted = desk.accept_compensation(case.id, "comp-3", actor="customer").compensation[-1]
    assert Decimal(accepted["decision"]["total"]["amount"]) == Decimal("200.00")
