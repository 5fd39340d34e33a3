"""Amounts no remedy can be computed from, or that no remedy may be, are refused by name.

A Money an application builds itself skips the bounds ``Money.from_json`` puts on outside
input, and a plugin formula answers whatever it likes: neither may end in a
``decimal.InvalidOperation`` or in a remedy that takes money away.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs
import pytest
from compensation_helpers import make_case, statutory
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.compensation.formula_protocol import Amount, Context
from complaintkit.compensation.formulas import default_formulas
from complaintkit.compensation.policy import CompensationPolicy, compile_section
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money

REFUND = {
    "currency": "CNY",
    "rules": [
        {
            "id": "refund",
            "remedies": [{"kind": "refund", "amount": {"percent": 100, "of": "price"}}],
        }
    ],
}


@pytest.mark.parametrize(
    ("price", "said"),
    [
        ("-1", "negative"),
        ("1e30", "digits"),
        ("99999999999999999999999999999", "digits"),
        ("1e999999", "digits"),
        ("1E-999999", "decimal places"),
    ],
)
def test_a_money_fact_out_of_bounds_is_refused_naming_it(price: str, said: str) -> None:
    policy = compile_section(REFUND)
    with pytest.raises(InvalidInput) as refused:
        policy.decide(make_case(), {"price": Money(price, "CNY")})
    assert refused.value.field == "facts.price"
    assert said in refused.value.message


@settings(max_examples=200, deadline=None)
@given(
    price=st.decimals(allow_nan=False, allow_infinity=False)
    | st.decimals(min_value=0, max_value=10**15, places=2)
)
def test_any_price_is_decided_or_refused_and_never_negative(price: Decimal) -> None:
    policy = compile_section(REFUND)
    try:
        # no amount on the complaint: what it paid is the price, so nothing caps the refund
        decision = policy.decide(make_case(amount=None), {"price": Money(price, "CNY")})
    except InvalidInput:
        assert price < 0 or price.adjusted() >= 15 or price != price.quantize(Decimal("1e-8"))
        return
    assert 0 <= decision.total.amount <= price  # a refund never pays back more than was paid
    assert decision.total.amount == decision.total.amount.quantize(Decimal("0.01"))
    assert price - decision.total.amount < Decimal("0.01")


@attrs.frozen
class Answering:
    """A plugin formula that answers ``value`` whatever it is asked."""

    value: object
    constant: None = None

    def evaluate(self, context: Context) -> Amount:
        return self.value  # type: ignore[return-value]  # whatever a plugin answers

    def describe(self) -> str:
        return "answering"


def with_plugin_formula(value: object) -> CompensationPolicy:
    formulas = default_formulas()
    formulas.register("answering", lambda spec, path, compiler: Answering(value), "acme")
    section: Mapping[str, object] = {
        "currency": "CNY",
        "rules": [
            {
                "id": "row-1",
                "remedies": [{"kind": "voucher", "amount": {"answering": True}}],
            }
        ],
    }
    return compile_section(section, formulas=formulas)


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (Amount(Money("-5", "CNY")), "negative"),
        (Amount(Money("5", "USD")), "USD"),
        (Amount(Money("1e30", "CNY")), "digits"),
        (5, "int"),
        (Money("5", "CNY"), "Money"),
    ],
)
def test_a_plugin_formula_answering_no_remedy_amount_is_refused(answer: object, said: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        with_plugin_formula(answer).decide(make_case())
    assert "row-1" in str(refused.value)
    assert "answering" in str(refused.value)
    assert said in str(refused.value)


def test_a_plugin_formula_answering_an_amount_is_rounded_as_any_other() -> None:
    decision = with_plugin_formula(Amount(Money("1.235", "CNY"))).decide(make_case())
    assert decision.total == Money("1.24", "CNY")


def test_a_share_with_more_places_than_money_has_is_rounded_not_refused() -> None:
    section = {
        "currency": "CNY",
        "rules": [
            {
                "id": "third",
                "remedies": [
                    {"kind": "voucher", "amount": {"percent": "33.333333", "of": "amount"}}
                ],
            }
        ],
    }
    decision = compile_section(section).decide(make_case(amount="10.01"))
    assert decision.total == Money("3.34", "CNY")


DAYS_LATE = {
    "currency": "CNY",
    "rules": [
        {
            "id": "late",
            "when": {"field": "days_late", ">": 0},
            "remedies": [
                {
                    "kind": "voucher",
                    "amount": {"multiple": {"fact": "days_late"}, "of": {"fixed": 10}},
                }
            ],
        }
    ],
}


@pytest.mark.parametrize("days", [float("nan"), float("inf"), Decimal("sNaN"), 10**40])
def test_a_factor_fact_that_is_no_usable_number_is_refused_naming_it(days: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        compile_section(DAYS_LATE).decide(make_case(), {"days_late": days})
    assert "days_late" in str(refused.value)  # the fact (or the row reading it) is named
    assert "plugin" not in refused.value.message


@pytest.mark.parametrize("days", ["4", " 4 ", "4.0", "4e0"])
def test_a_factor_fact_given_as_text_counts_as_the_number_it_spells(days: str) -> None:
    # the row's condition reads "4" as 4 (policy.numeric_text); the formula must agree
    decision = compile_section(DAYS_LATE).decide(make_case(), {"days_late": days})
    assert decision.rows == ("late",)
    assert decision.total == Money("40.00", "CNY")


@pytest.mark.parametrize("written", ["-0", "-0.00", "-0E+3"])
def test_an_amount_written_as_minus_zero_pays_zero_never_minus_zero(written: str) -> None:
    decision = compile_section(REFUND).decide(make_case(amount=written))
    refund = decision.remedies[0].amount
    assert refund is not None
    assert str(refund) == "0.00 CNY"
    worked = decision.explain().split("inputs:")[1].split("\n", 1)[1]  # the remedies' lines
    assert "-0" not in worked
    assert decision.to_json()["remedies"][0]["amount"]["amount"] == "0.00"


def test_explain_shows_every_amount_as_people_read_it_however_it_was_written() -> None:
    section = {
        **REFUND,
        "approvals": [{"above": "5E+2", "role": "manager"}],
        "caps": [{"limit": "2E+3", "days": 90, "kinds": ["refund"]}],
    }
    text = compile_section(section).decide(make_case(amount="1E+3")).explain()
    assert "amount = 1000.00 CNY" in text
    assert "at most 2000.00 CNY" in text
    assert "total above 500.00 CNY" in text
    assert "E+" not in text


@pytest.mark.parametrize(
    "price", ["5000", 5000, {"amount": "5000"}, {"amount": "5000", "currency": "CNY", "note": "x"}]
)
def test_a_price_supplied_as_no_money_is_refused_not_replaced_by_the_complaint_amount(
    price: object,
) -> None:
    # 退一赔三 on a 5,000 yuan price is 15,000: never 3 x the complaint's 100 (the floor, 500)
    policy = statutory("cn-consumer-protection-art55.yaml")
    with pytest.raises(InvalidInput) as refused:
        policy.decide(make_case("100.00"), {"fraud": True, "price": price})
    assert "price" in str(refused.value)
    assert "currency" in refused.value.message


def test_a_loss_supplied_as_a_bare_number_is_refused_not_taken_as_its_default() -> None:
    policy = statutory("cn-food-safety-art148.yaml")
    with pytest.raises(InvalidInput, match="loss"):
        policy.decide(make_case("20.00"), {"unsafe_food": True, "loss": 500})


def test_a_fixed_refund_is_held_to_what_was_paid_or_refused_when_paid_is_no_money() -> None:
    section = {
        "currency": "CNY",
        "rules": [{"id": "r", "remedies": [{"kind": "refund", "amount": 50}]}],
    }
    policy = compile_section(section)
    paid = {"paid": {"amount": "20.00", "currency": "CNY"}}
    assert policy.decide(make_case("100.00"), paid).total == Money("20.00", "CNY")
    with pytest.raises(InvalidInput, match="paid"):
        policy.decide(make_case("100.00"), {"paid": "20"})


def test_refunds_of_several_rows_together_never_pay_back_more_than_was_paid() -> None:
    section = {
        "currency": "CNY",
        "hit_policy": "collect",
        "rules": [
            {"id": "defect", "remedies": [{"kind": "refund", "full": True}]},
            {"id": "late", "remedies": [{"kind": "refund", "percent": 50}, "apology"]},
            {"id": "goodwill", "remedies": [{"kind": "refund", "amount": 30, "beyond_paid": True}]},
        ],
    }
    decision = compile_section(section).decide(make_case("100.00"))
    amounts = [None if r.amount is None else str(r.amount) for r in decision.remedies]
    assert amounts == ["100.00 CNY", "0.00 CNY", None, "30.00 CNY"]
    assert "cannot exceed what was paid" in decision.remedies[1].steps[-1]


@pytest.mark.parametrize("text", ["\uff15\uff10\uff10", "\uff15\uff10\uff10.\uff15\uff10", "￥500"])
def test_a_money_fact_in_full_width_digits_is_refused_naming_it(text: str) -> None:
    policy = compile_section(REFUND)
    with pytest.raises(InvalidInput) as refused:
        policy.decide(make_case(), {"price": {"amount": text, "currency": "CNY"}})
    assert refused.value.field == "facts.price.amount"
    assert "ASCII digits" in refused.value.message
