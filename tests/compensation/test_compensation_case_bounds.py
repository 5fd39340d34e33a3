"""A floor or cap worked out from the case holds for the amount paid, as a written one does:
``cap: {percent: 50, of: price}`` pays at most half the price, to the currency's unit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import compile_section
from complaintkit.model.money import Money


def section(rounding: str, currency: str, bound: str, inner: object) -> dict[str, object]:
    amount = {"fixed": inner, bound: {"percent": 50, "of": "price"}}
    return {
        "currency": currency,
        "rounding": rounding,
        "rules": [{"id": "r", "remedies": [{"kind": "voucher", "amount": amount}]}],
    }


def paid(rounding: str, currency: str, bound: str, inner: object, price: Decimal) -> Decimal:
    policy = compile_section(section(rounding, currency, bound, inner))
    facts = {"price": Money(price, currency)}
    return policy.decide(make_case(None, currency), facts).total.amount


@pytest.mark.parametrize("rounding", ["half_up", "half_even"])
def test_a_cap_of_half_the_price_never_pays_more_than_half(rounding: str) -> None:
    # half of 100.03 is 50.015: 50.01 at most, never 50.02
    assert paid(rounding, "CNY", "cap", 60, Decimal("100.03")) == Decimal("50.01")


@pytest.mark.parametrize("rounding", ["half_up", "half_even"])
def test_a_floor_of_half_the_price_never_pays_less_than_half(rounding: str) -> None:
    # half of 100.01 is 50.005: at least 50.01, never 50.00
    assert paid(rounding, "CNY", "floor", 0, Decimal("100.01")) == Decimal("50.01")


@settings(max_examples=60)
@given(
    rounding=st.sampled_from(["half_up", "half_even"]),
    currency=st.sampled_from(["CNY", "JPY", "KWD"]),
    units=st.integers(min_value=0, max_value=10**9),
    inner=st.integers(min_value=0, max_value=10**6),
)
def test_a_bound_read_from_the_case_holds_as_the_same_bound_written(
    rounding: str, currency: str, units: int, inner: int
) -> None:
    places = {"CNY": 2, "JPY": 0, "KWD": 3}[currency]
    price = Decimal(units).scaleb(-places)
    half = price / 2
    assert paid(rounding, currency, "cap", inner, price) <= half
    assert paid(rounding, currency, "floor", inner, price) >= half
