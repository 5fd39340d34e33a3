"""Refunds are held to what was paid in that money only. 100 CNY paid, 50 USD already
offered back on the case (proposed when the policy paid in dollars): the USD was left out
of the count, and a refund of the whole 100 CNY was decided on top of it. No rate says
how much of the price the dollars paid back, so the decision is refused, naming both."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from compensation_helpers import NOW, make_case
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.policy import compile_section
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case

FULL_REFUND = {
    "currency": "CNY",
    "rules": [{"id": "r", "remedies": [{"kind": "refund", "full": True}]}],
}


def _entry(amount: str, currency: str, status: str = "offered", **remedy: object) -> dict[str, Any]:
    refund = {"kind": "refund", "row": "r", "amount": {"amount": amount, "currency": currency}}
    return {
        "id": f"comp-{currency}-{status}",
        "status": status,
        "offered_at": NOW.isoformat(),
        "decision": {"currency": currency, "remedies": [{**refund, **remedy}]},
    }


def _with(*entries: dict[str, Any]) -> Case:
    return attrs.evolve(make_case("100.00"), compensation=list(entries))


@pytest.mark.parametrize("status", ["offered", "accepted"])
def test_a_refund_in_another_currency_on_the_case_refuses_the_decision(status: str) -> None:
    policy = compile_section(FULL_REFUND)
    with pytest.raises(InvalidInput) as refused:
        policy.decide(_with(_entry("50.00", "USD", status)), now=NOW)
    assert "100.00 CNY" in refused.value.message
    assert "50.00 USD" in refused.value.message
    assert refused.value.field == "compensation"


def test_deciding_partly_as_explain_does_is_refused_too() -> None:
    policy = compile_section(FULL_REFUND)
    case = _with(_entry("50.00", "USD"))
    with pytest.raises(InvalidInput, match=r"50\.00 USD .* 100\.00 CNY"):
        policy.decide(case, now=NOW, partial=True)


@pytest.mark.parametrize(
    "entry",
    [
        _entry("50.00", "USD", "declined"),  # no longer promised
        _entry("50.00", "USD", "proposed"),  # never promised
        _entry("50.00", "USD", beyond_paid=True),  # owed beyond the price: no price holds it
        _entry("0.00", "USD"),  # nothing paid back
    ],
)
def test_what_paid_nothing_back_of_the_price_does_not_refuse(entry: dict[str, Any]) -> None:
    decision = compile_section(FULL_REFUND).decide(_with(entry), now=NOW)
    assert str(decision.total) == "100.00 CNY"


def test_a_decision_refunding_nothing_is_not_refused() -> None:
    section = {
        "currency": "CNY",
        "rules": [{"id": "r", "remedies": [{"kind": "voucher", "amount": 20}]}],
    }
    decision = compile_section(section).decide(_with(_entry("50.00", "USD")), now=NOW)
    assert str(decision.total) == "20.00 CNY"


@given(
    paid=st.decimals(min_value=0, max_value=10_000, places=2),
    earlier=st.decimals(min_value=0, max_value=10_000, places=2),
)
def test_refunds_in_the_paid_currency_still_sum_to_at_most_what_was_paid(
    paid: Decimal, earlier: Decimal
) -> None:
    case = attrs.evolve(make_case(str(paid)), compensation=[_entry(str(earlier), "CNY")])
    decision = compile_section(FULL_REFUND).decide(case, now=NOW)
    assert decision.total.currency == "CNY"
    assert decision.total.amount == max(paid - earlier, 0)
