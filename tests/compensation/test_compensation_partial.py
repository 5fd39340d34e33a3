"""Deciding with a missing formula input: strict for the Desk, partial for ``explain``."""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case, statutory

from complaintkit.compensation.inputs import MissingInput
from complaintkit.compensation.policy import compile_section


def test_the_desk_decision_refuses_a_missing_input() -> None:
    policy = statutory("cn-food-safety-art148.yaml")
    with pytest.raises(MissingInput) as info:
        policy.decide(make_case(None), {"unsafe_food": True}, now=NOW)
    assert info.value.name == "price"  # the refund pays back the price, as the damages read it


def test_a_partial_decision_keeps_every_amount_it_can_and_names_the_rest() -> None:
    policy = statutory("cn-food-safety-art148.yaml")
    decision = policy.decide(make_case(None), {"unsafe_food": True}, now=NOW, partial=True)
    assert decision.needs == ("price",)
    _, loss, damages = decision.remedies
    assert loss.amount is not None
    assert loss.amount.amount == Decimal("0.00")
    assert damages.needs == "price"
    assert "needs: price" in decision.explain()


def test_a_partial_decision_never_says_no_approval_is_needed() -> None:
    # the damages it cannot work out are at least 1000 CNY: above the 500 threshold
    section = {
        "currency": "CNY",
        "rules": [
            {
                "id": "unsafe",
                "remedies": [
                    {"kind": "refund", "full": True},
                    {
                        "kind": "statutory_damages",
                        "amount": {"multiple": 10, "of": "price", "floor": 1000},
                    },
                ],
            }
        ],
        "approvals": [{"above": 500, "role": "store_manager"}],
    }
    decision = compile_section(section).decide(make_case(None), now=NOW, partial=True)
    text = decision.explain()
    assert "approval: none needed" not in text
    assert "approval: not known without paid, price" in text
    complete = {"price": {"amount": "20.00", "currency": "CNY"}}
    assert "store_manager" in compile_section(section).decide(make_case(None), complete).explain()
