"""An amount a formula works out exactly halfway between two of its currency's minor units
is paid by the section's rounding: ``half_up`` away from zero, ``half_even`` to the even
unit, whatever the currency's minor unit (0.01 CNY, 1 JPY, 0.001 KWD), and the decision
writes it in those units."""

from __future__ import annotations

from decimal import Decimal

from compensation_helpers import NOW, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import compile_section
from complaintkit.model.money import Money

PLACES = {"CNY": 2, "JPY": 0, "KWD": 3}


def paid(spec: object, currency: str, rounding: str, price: Decimal) -> Money:
    section = {
        "currency": currency,
        "rounding": rounding,
        "rules": [{"id": "r", "remedies": [{"kind": "cash", "amount": spec}]}],
    }
    facts = {"price": {"amount": str(price), "currency": currency}}
    facts["loss"] = facts["price"]  # a loss keeps every digit; a price is paid in units
    decision = compile_section(section).decide(make_case(None), facts, now=NOW)
    (remedy,) = decision.remedies
    assert remedy.amount is not None
    return remedy.amount


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(PLACES)),
    st.sampled_from(["half_up", "half_even"]),
    st.integers(0, 10**9),
)
def test_half_of_an_odd_number_of_units_rounds_by_the_sections_rule(
    currency: str, rounding: str, units: int
) -> None:
    unit = Decimal(1).scaleb(-PLACES[currency])
    price = (2 * units + 1) * unit  # half of it is units + 1/2 minor units
    got = paid({"percent": 50, "of": "price"}, currency, rounding, price)
    up = rounding == "half_up" or units % 2 == 1
    assert got.amount == (units + 1 if up else units) * unit
    assert got.to_json()["amount"] == format((units + 1 if up else units) * unit, "f")
    assert got.amount.as_tuple().exponent == -PLACES[currency]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(PLACES)), st.integers(0, 10**9))
def test_a_loss_given_at_a_half_step_is_paid_by_the_rule(currency: str, units: int) -> None:
    # a loss may be finer than the currency pays (docs/policy/compensation.md: 33.335); a
    # price is what was paid, read in whole units
    unit = Decimal(1).scaleb(-PLACES[currency])
    price = (units * unit) + unit / 2
    up = paid({"multiple": 1, "of": "loss"}, currency, "half_up", price)
    even = paid({"multiple": 1, "of": "loss"}, currency, "half_even", price)
    assert up.amount == (units + 1) * unit
    assert even.amount == (units + units % 2) * unit
