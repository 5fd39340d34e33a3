"""A formula's cap applies before the refusal of amounts beyond 15 digits: ``{multiple:
{fact: days_late}, of: price, cap: 500}`` with a factor of 1e20 pays 500, as its cap says,
where the raw 1e22 was refused ("more than 15 digits") although nothing beyond 500 was
ever to be paid. What is paid, after its bounds, is still held to 15 digits."""

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


def _pays(amount: object, facts: dict[str, object], currency: str = "CNY") -> Money:
    decision = compile_section(_section(amount, currency)).decide(make_case(), facts, now=NOW)
    return decision.total


def test_a_huge_product_under_a_cap_pays_the_cap() -> None:
    formula = {"multiple": {"fact": "factor"}, "of": "price", "cap": 500}
    paid = _pays(formula, {"factor": Decimal("1e20"), "price": Money("100", "CNY")})
    assert str(paid) == "500.00 CNY"


def test_a_huge_product_under_a_cap_read_from_the_case_pays_that_cap() -> None:
    formula = {"multiple": {"fact": "factor"}, "of": "price", "cap": {"percent": 50, "of": "loss"}}
    facts = {"factor": 10**20, "price": Money("100", "CNY"), "loss": Money("300.005", "CNY")}
    assert str(_pays(formula, facts)) == "150.00 CNY"


def test_a_nested_formula_capped_within_bounds_is_not_refused() -> None:
    inner = {"multiple": {"fact": "factor"}, "of": "price", "cap": 1000}
    paid = _pays({"percent": 50, "of": inner}, {"factor": 10**20, "price": Money("1", "CNY")})
    assert str(paid) == "500.00 CNY"


def test_a_formula_that_needs_no_inputs_is_valid_when_its_cap_holds_it() -> None:
    formula = {"multiple": "1e14", "of": {"fixed": "1e14"}, "cap": 500}
    assert [p for p in check_section(_section(formula)) if p.severity == "error"] == []
    assert str(_pays(formula, {})) == "500.00 CNY"


@pytest.mark.parametrize(
    "formula",
    [
        {"multiple": {"fact": "factor"}, "of": "price"},  # no cap
        {"multiple": {"fact": "factor"}, "of": "price", "cap": {"multiple": 20, "of": "loss"}},
        {"multiple": {"fact": "factor"}, "of": "price", "floor": {"multiple": 2, "of": "loss"}},
    ],
)
def test_what_is_still_beyond_15_digits_after_its_bounds_is_refused(formula: object) -> None:
    facts = {"factor": 10**20, "price": Money("100", "CNY"), "loss": Money("1e14", "CNY")}
    with pytest.raises(InvalidInput, match="more than 15 digits"):
        _pays(formula, facts)


@settings(max_examples=300, deadline=None)
@given(
    currency=st.sampled_from(["JPY", "CNY", "KWD"]),
    factor=st.decimals(min_value=0, max_value=Decimal("1e28"), places=8, allow_nan=False),
    price=st.decimals(min_value=0, max_value=Decimal("999999999999999"), places=3),
    cap=st.decimals(min_value=0, max_value=Decimal("999999999999999"), places=0),
    rounding=st.sampled_from(["half_up", "half_even"]),
)
def test_any_result_under_any_cap_pays_at_most_the_cap_in_whole_units(
    currency: str, factor: Decimal, price: Decimal, cap: Decimal, rounding: str
) -> None:
    section = _section({"multiple": {"fact": "factor"}, "of": "price", "cap": str(cap)}, currency)
    section["rounding"] = rounding
    price_money = Money(price.quantize(Decimal(1).scaleb(-MINOR_UNITS[currency])), currency)
    decision = compile_section(section).decide(
        make_case(), {"factor": factor, "price": price_money}, now=NOW
    )
    paid = decision.total.amount
    assert paid <= cap
    assert paid == paid.quantize(Decimal(1).scaleb(-MINOR_UNITS[currency]))
    exact = Context(prec=100).multiply(factor, price_money.amount)
    assert paid == (cap if exact >= cap else Money(exact, currency).rounded(rounding).amount)
