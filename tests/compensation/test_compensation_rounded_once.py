"""A formula inside another keeps every digit: the amount paid is rounded once, at the end.

The docs promise rounding "once": rounding each nested formula as well moved 3 x 50% of
a cost of 33.335 (an input keeping every digit: 50.0025, paid 50.00) to 3 x 16.67 = 50.01,
and two halves of 0.01 to 0.02.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.compensation.formula_protocol import Context
from complaintkit.compensation.formulas import FormulaCompiler
from complaintkit.compensation.policy import compile_section
from complaintkit.model.money import Money


def paid(spec: object, currency: str = "CNY", rounding: str = "half_up", **inputs: str) -> Money:
    section = {
        "currency": currency,
        "rounding": rounding,
        "rules": [{"id": "r", "remedies": [{"kind": "cash", "amount": spec}]}],
    }
    case = make_case(None)
    facts = {name: {"amount": value, "currency": currency} for name, value in inputs.items()}
    decision = compile_section(section).decide(case, facts, now=NOW)
    (remedy,) = decision.remedies
    assert remedy.amount is not None
    return remedy.amount


@pytest.mark.parametrize(
    ("spec", "cost", "expected"),
    [
        # 3 x 16.6675 = 50.0025: rounded once 50.00, not 3 x 16.67 = 50.01
        ({"multiple": 3, "of": {"percent": 50, "of": "cost"}}, "33.335", "50.00"),
        # 3 x 0.33335 = 1.00005 → 1.00, not 3 x 0.33 = 0.99
        ({"multiple": 3, "of": {"percent": "33.335", "of": "cost"}}, "1.00", "1.00"),
        # 0.005 + 0.005 = 0.01, not 0.01 + 0.01
        (
            {"sum_of": [{"percent": 50, "of": "cost"}, {"percent": 50, "of": "cost"}]},
            "0.01",
            "0.01",
        ),
        # 100.005 + 100.005 = 200.01, not 100.01 + 100.01
        (
            {"sum_of": [{"multiple": 3, "of": "cost"}, {"multiple": 3, "of": "cost"}]},
            "33.335",
            "200.01",
        ),
        # a nested least_of/greater_of compares the exact amounts
        ({"greater_of": [{"multiple": 3, "of": "cost"}, 500]}, "33.335", "500.00"),
        ({"multiple": 2, "of": {"least_of": [{"percent": 50, "of": "cost"}, 10]}}, "0.03", "0.03"),
    ],
)
def test_a_nested_formula_is_rounded_once_when_paid(spec: object, cost: str, expected: str) -> None:
    assert paid(spec, cost=cost) == Money(expected, "CNY")


def test_a_nested_floor_and_cap_hold_the_exact_amount_and_the_result_is_rounded_once() -> None:
    # 50% of 0.03 = 0.015 is held by a nested cap of 45% of it, 0.0135, exactly; two of
    # them are 0.027, paid 0.03 — rounding each at its level paid 0.01 + 0.01
    nested = {"percent": 50, "of": "cost", "cap": {"percent": 45, "of": "cost"}}
    assert paid({"sum_of": [nested, nested]}, cost="0.03") == Money("0.03", "CNY")


def test_rounding_once_follows_the_section_rounding_mode() -> None:
    spec = {"multiple": 2, "of": {"percent": 50, "of": "cost"}}  # 2 x 0.0125 = 0.025
    assert paid(spec, rounding="half_up", cost="0.025") == Money("0.03", "CNY")
    assert paid(spec, rounding="half_even", cost="0.025") == Money("0.02", "CNY")


@settings(max_examples=200)
@given(
    cost=st.decimals(min_value=0, max_value=10_000, places=3),
    outer=st.decimals(min_value=0, max_value=10, places=2),
    inner=st.decimals(min_value=0, max_value=200, places=3),
)
def test_a_percent_of_a_percent_pays_the_exact_product_rounded_once(
    cost: Decimal, outer: Decimal, inner: Decimal
) -> None:
    spec = {"multiple": str(outer), "of": {"percent": str(inner), "of": "cost"}}
    exact = Money(cost * inner / 100 * outer, "KWD").rounded()
    assert paid(spec, "KWD", cost=str(cost)) == exact


def test_a_nested_formula_evaluated_on_its_own_keeps_every_digit() -> None:
    compiler = FormulaCompiler("CNY")
    formula = compiler.nested({"percent": 50, "of": "cost"}, "a")
    assert formula is not None
    value = formula.evaluate(Context("CNY", {"cost": Money("0.01", "CNY")})).value
    assert value == Money("0.005", "CNY")


def test_a_cap_with_bounds_of_its_own_holds_as_written_not_as_rounded_up() -> None:
    # the cap is 50% of 100.03 = 50.015, at least 10: at most 50.01 can be paid; rounded
    # half up at its own level first, the cap was 50.02 and paid over what it says
    spec = {
        "percent": 100,
        "of": "cost",
        "cap": {"percent": 50, "of": "cost", "floor": 10},
    }
    assert paid(spec, cost="100.03") == Money("50.01", "CNY")
    # a floor of 50% of 0.05 = 0.025, at most 1000: at least 0.03 is paid; rounded half
    # even at its own level first, the floor was 0.02 and paid below what it says
    floor = {"percent": 10, "of": "cost", "floor": {"percent": 50, "of": "cost", "cap": 1000}}
    assert paid(floor, rounding="half_even", cost="0.05") == Money("0.03", "CNY")
