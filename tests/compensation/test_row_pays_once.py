"""A row pays once per case. Proposed again — an HTTP retry of the compensation step, a
case reopened — the food-safety row paid its statutory damages a second time: 4,020 CNY
where 食品安全法 第一百四十八条 owes 2,020."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy

POLICY = Path(__file__).parents[2] / "policies" / "statutory" / "cn-food-safety-art148.yaml"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _desk() -> Desk:
    return Desk(load_policy(POLICY), storage="memory:", clock=ManualClock(NOW))


def _case(desk: Desk, price: str = "20.00") -> Case:
    return desk.intake(
        {
            "channel": "web",
            "external_id": f"snack-{price}",
            "received_at": NOW.isoformat(),
            "customer": {"id": "C-1"},
            "text": "吃了变质的零食",
            "amount": {"amount": price, "currency": "CNY"},
        }
    )


def _loss(amount: str) -> dict[str, object]:
    return {"unsafe_food": True, "loss": {"amount": amount, "currency": "CNY"}}


def _settle(desk: Desk, case_id: str, facts: dict[str, object]) -> Decimal:
    """Propose, approve, offer and accept; the total accepted."""
    case = desk.propose_compensation(case_id, facts, actor="li.na")
    entry = case.compensation[-1]
    for role in entry["approvals_needed"]:
        desk.approve_compensation(case_id, entry["id"], role=role, actor="wang.fang")
    desk.offer_compensation(case_id, entry["id"], actor="li.na")
    desk.accept_compensation(case_id, entry["id"], actor="li.na")
    return Decimal(entry["decision"]["total"]["amount"])


def _accepted(desk: Desk, case_id: str) -> Decimal:
    return sum(
        (
            Decimal(e["decision"]["total"]["amount"])
            for e in desk.get(case_id).compensation
            if e["status"] == "accepted"
        ),
        Decimal(0),
    )


def test_proposing_again_pays_nothing_more_for_the_same_loss() -> None:
    desk = _desk()
    case = _case(desk)
    assert _settle(desk, case.id, _loss("500.00")) == Decimal("2020.00")
    assert _settle(desk, case.id, _loss("500.00")) == Decimal("0.00")
    assert _accepted(desk, case.id) == Decimal("2020.00")
    again = desk.get(case.id).compensation[-1]["decision"]
    assert any("already offered" in step for r in again["remedies"] for step in r["steps"])


def test_a_larger_loss_proven_later_pays_what_it_adds() -> None:
    desk = _desk()
    case = _case(desk)
    _settle(desk, case.id, _loss("500.00"))  # 20 + 500 + 1500
    _settle(desk, case.id, _loss("800.00"))  # owed 20 + 800 + 2400: 900 more
    assert _accepted(desk, case.id) == Decimal("3220.00")


def test_two_proposals_made_before_either_is_offered_cannot_both_be_paid() -> None:
    desk = _desk()
    case = _case(desk)
    first = desk.propose_compensation(case.id, _loss("500.00"), actor="li.na").compensation[-1]
    second = desk.propose_compensation(case.id, _loss("500.00"), actor="li.na").compensation[-1]
    for entry in (first, second):
        for role in entry["approvals_needed"]:
            desk.approve_compensation(case.id, entry["id"], role=role, actor="wang.fang")
    desk.offer_compensation(case.id, first["id"], actor="li.na")
    with pytest.raises(InvalidInput, match="would pay row unsafe-food-damages's statutory_damages"):
        desk.offer_compensation(case.id, second["id"], actor="li.na")


@settings(max_examples=25, deadline=None)
@given(losses=st.lists(st.integers(0, 5000), min_size=1, max_size=4))
def test_whatever_is_proposed_in_turn_the_case_is_paid_what_the_largest_loss_owes(
    losses: list[int],
) -> None:
    desk = _desk()
    case = _case(desk)
    for loss in losses:
        _settle(desk, case.id, _loss(f"{loss}.00"))
    worst = max(losses)
    owed = 20 + worst + max(10 * 20, 3 * worst, 1000)
    assert _accepted(desk, case.id) == Decimal(owed)


@pytest.mark.parametrize("approve", [True, False])
def test_a_proposal_on_an_ended_case_is_neither_approved_nor_rejected(approve: bool) -> None:
    """Proposing and offering are refused there; approving was not, and recorded a step
    on a case no one may move compensation on."""
    policy = load_policy(POLICY.parents[1] / "retail" / "supermarket.yaml")
    desk = Desk(policy, storage="memory:", clock=ManualClock(NOW))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "milk",
            "received_at": NOW.isoformat(),
            "customer": {"id": "C-1"},
            "text": "牛奶变质了",
            "amount": {"amount": "20.00", "currency": "CNY"},
        }
    )
    found = {"unsafe_food": True}  # the damages, which need the store manager's approval
    entry = desk.propose_compensation(case.id, found, actor="li.na").compensation[-1]
    (role,) = entry["approvals_needed"]
    desk.transition(case.id, "withdrawn", actor="li.na", reason="customer withdrew")
    before = desk.history(case.id)
    steps = {
        True: lambda: desk.approve_compensation(case.id, entry["id"], role=role, actor="wang"),
        False: lambda: desk.reject_compensation(
            case.id, entry["id"], role=role, actor="wang", reason="too much"
        ),
    }
    with pytest.raises(InvalidInput, match="for good"):
        steps[approve]()
    assert desk.history(case.id) == before
