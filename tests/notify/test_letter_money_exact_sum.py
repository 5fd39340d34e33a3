"""A letter to the customer adds up the offers it tells of exactly, whatever decimal
context the application has set: with ``decimal.getcontext().prec = 6`` two accepted
vouchers of 600000.50 CNY were told as ``1.20000E+6 CNY`` (and a total a yuan short),
though the docs promise money is added exactly whatever the context."""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.notify.told_money import summed


def _entry(number: int, amount: str, currency: str = "CNY") -> dict[str, Any]:
    money = {"amount": amount, "currency": currency}
    return {
        "id": f"comp-{number}",
        "status": "accepted",
        "decision": {"remedies": [{"kind": "voucher", "amount": money}], "total": money},
    }


def test_two_offers_are_added_exactly_in_a_narrow_context() -> None:
    with localcontext(prec=6):
        remedies, totals = summed([_entry(1, "600000.50"), _entry(2, "600000.50")])
    assert remedies[0]["amount"] == {"amount": "1200001.00", "currency": "CNY"}
    assert totals == [{"amount": "1200001.00", "currency": "CNY"}]


@given(
    st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999999.99"), places=2),
        min_size=1,
        max_size=5,
    ),
    st.integers(min_value=1, max_value=8),
)
def test_what_a_letter_adds_is_the_exact_sum(amounts: list[Decimal], precision: int) -> None:
    exact = sum(amounts, Decimal(0))
    told = [_entry(i, str(a)) for i, a in enumerate(amounts)]
    with localcontext(prec=precision):
        remedies, totals = summed(told)
    assert Decimal(remedies[0]["amount"]["amount"]) == exact
    assert remedies[0]["amount"]["amount"] == str(exact)
    assert totals == [{"amount": str(exact), "currency": "CNY"}]
