"""A proposal decided while an earlier offer of its row stood took that offer's money off
(a row pays once per case). When the customer then declines the earlier offer, it pays
nothing, so the later proposal, offered, paid the row short: under 食品安全法 第一百四十八条
a 20-yuan snack with a 500-yuan loss owes 2,020 yuan, and the customer was offered, and could
accept, 0.00 (its refund was held to the declined one's too). Offering it is refused now, as
its decision no longer holds; proposing again pays the whole row."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.policy.compiled import load_policy

POLICY = Path(__file__).parents[2] / "policies" / "statutory" / "cn-food-safety-art148.yaml"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LOSS = {"unsafe_food": True, "loss": {"amount": "500.00", "currency": "CNY"}}


def _proposed(desk: Desk, case_id: str) -> str:
    entry = desk.propose_compensation(case_id, LOSS, actor="li.na").compensation[-1]
    for role in entry["approvals_needed"]:
        desk.approve_compensation(case_id, entry["id"], role=role, actor="wang.fang")
    return str(entry["id"])


def test_a_proposal_that_took_off_an_offer_since_declined_is_not_offered() -> None:
    desk = Desk(load_policy(POLICY), storage="memory:", clock=ManualClock(NOW))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "snack",
            "received_at": NOW.isoformat(),
            "customer": {"id": "C-1"},
            "text": "吃了变质的零食",
            "amount": {"amount": "20.00", "currency": "CNY"},
        }
    )
    first = _proposed(desk, case.id)
    desk.offer_compensation(case.id, first, actor="li.na")
    second = _proposed(desk, case.id)  # takes off the first's 2,000 of damages
    desk.decline_compensation(case.id, first, actor="customer")
    with pytest.raises(InvalidInput, match="declined|no longer"):
        desk.offer_compensation(case.id, second, actor="li.na")
    third = _proposed(desk, case.id)
    desk.offer_compensation(case.id, third, actor="li.na")
    accepted = desk.accept_compensation(case.id, third, actor="customer").compensation[-1]
    assert Decimal(accepted["decision"]["total"]["amount"]) == Decimal("2020.00")


def test_an_offer_that_took_off_one_since_declined_is_not_accepted_short() -> None:
    desk = Desk(load_policy(POLICY), storage="memory:", clock=ManualClock(NOW))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "snack",
            "received_at": NOW.isoformat(),
            "customer": {"id": "C-1"},
            "text": "吃了变质的零食",
            "amount": {"amount": "20.00", "currency": "CNY"},
        }
    )
    first = _proposed(desk, case.id)  # 20 + 500 + 1,500
    desk.offer_compensation(case.id, first, actor="li.na")
    larger = {**LOSS, "loss": {"amount": "800.00", "currency": "CNY"}}
    second = desk.propose_compensation(case.id, larger, actor="li.na").compensation[-1]
    for role in second["approvals_needed"]:
        desk.approve_compensation(case.id, second["id"], role=role, actor="wang.fang")
    desk.offer_compensation(case.id, second["id"], actor="li.na")  # what 800 adds: 1,200
    desk.decline_compensation(case.id, first, actor="customer")
    with pytest.raises(InvalidInput, match="short"):  # 1,200 of the 3,220 owed
        desk.accept_compensation(case.id, second["id"], actor="customer")
    desk.decline_compensation(case.id, second["id"], actor="customer")
    third = desk.propose_compensation(case.id, larger, actor="li.na").compensation[-1]
    assert Decimal(third["decision"]["total"]["amount"]) == Decimal("3220.00")
