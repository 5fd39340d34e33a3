"""``least_of`` with a bound is a cap: ``{least_of: [{multiple: {fact: factor}, of: price},
500]}`` pays 500 whatever the factor, as ``{multiple: ..., cap: 500}`` does. The parts of a
formula were each refused past 15 digits before the least was taken: a factor of 1e20 was
refused at decide ("answered 10000000000000000000000 CNY, more than 15 digits"), and a part
needing no inputs that large made the policy invalid though what it pays is 500. What is
paid, and a floor or cap, is still held to 15 digits."""

from __future__ import annotations

from decimal import Context, Decimal

import pytest
from compensation_helpers import NOW, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.compensation.policy import check_section, compile_section
from complaintkit.errors import InvalidInput
from complaintkit.model.money import MINOR_UNITS, Money


def _section(amount: object, currency: str = "CNY") -> dict[str, object]:
    return {
        "currency": currency,
        "rules": [{"id": "r", "remedies": [{"kind": "voucher", "amount": amount}]}],
    }


def _errors(amount: object) -> list[str]:
    return [p.message for p in check_section(_section(amount)) if p.severity == "error"]


def _pays(amount: object, facts: dict[str, object], currency: str = "CNY") -> Money:
    return compile_section(_section(amount, currency)).decide(make_case(), facts, now=NOW).total


HUGE = {"factor": Decimal("1e20"), "price": Money("100", "CNY")}
PRODUCT = {"multiple": {"fact": "factor"}, "of": "price"}


def test_the_least_of_a_huge_product_and_a_bound_pays_the_bound() -> None:
    assert str(_pays({"least_of": [PRODUCT, 500]}, HUGE)) == "500.00 CNY"


def test_a_least_of_inside_another_formula_holds_it_too() -> None:
    formula = {"percent": 50, "of": {"least_of": [PRODUCT, 1000]}}
    assert str(_pays(formula, HUGE)) == "500.00 CNY"


def test_a_least_of_a_huge_constant_and_a_bound_validates_and_pays_the_bound() -> None:
    formula = {"least_of": [{"multiple": "1e14", "of": {"fixed": "1e14"}}, 500]}
    assert _errors(formula) == []
    assert str(_pays(formula, {})) == "500.00 CNY"


@pytest.mark.parametrize(
    "formula",
    [
        {"greater_of": [PRODUCT, 500]},
        {"sum_of": [{"least_of": [PRODUCT, 500]}, PRODUCT]},
        {"percent": 50, "of": PRODUCT},
        {"least_of": [PRODUCT, 500], "floor": {"multiple": {"fact": "factor"}, "of": "price"}},
    ],
)
def test_what_is_paid_beyond_15_digits_is_still_refused(formula: object) -> None:
    with pytest.raises(InvalidInput, match="more than 15 digits"):
        _pays(formula, HUGE)


@pytest.mark.parametrize(
    "formula",
    [
        {"greater_of": [{"multiple": "1e14", "of": {"fixed": "1e14"}}, 500]},
        {"multiple": 3, "of": "price", "cap": {"multiple": "1e14", "of": {"fixed": "1e14"}}},
    ],
)
def test_a_constant_paid_or_bound_beyond_15_digits_is_still_invalid(formula: object) -> None:
    assert any("more than 15 digits" in e for e in _errors(formula))


@settings(max_examples=200, deadline=None)
@given(
    currency=st.sampled_from(["JPY", "CNY", "KWD"]),
    factor=st.decimals(min_value=0, max_value=Decimal("1e28"), places=8, allow_nan=False),
    price=st.decimals(min_value=0, max_value=Decimal("999999999999999"), places=3),
    bound=st.integers(min_value=0, max_value=10**15 - 1),
    rounding=st.sampled_from(["half_up", "half_even"]),
)
def test_a_least_of_pays_the_lesser_of_the_product_and_the_bound(
    currency: str, factor: Decimal, price: Decimal, bound: int, rounding: str
) -> None:
    section = _section({"least_of": [PRODUCT, bound]}, currency)
    section["rounding"] = rounding
    unit = Decimal(1).scaleb(-MINOR_UNITS[currency])
    price_money = Money(price.quantize(unit), currency)
    decision = compile_section(section).decide(
        make_case(), {"factor": factor, "price": price_money}, now=NOW
    )
    exact = Context(prec=100).multiply(factor, price_money.amount)
    expected = Decimal(bound) if exact >= bound else Money(exact, currency).rounded(rounding).amount
    assert decision.total.amount == expected
