"""``money: true``: whether a fact is an amount of money (``{amount, currency}``), so a row
paying a fact (``of: loss``) can match only when the fact is money, never a bare number, a
flag or text the formula would refuse. ``money: false`` is the reverse; absent, neither."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import Location, PolicyError
from complaintkit.model.money import Money
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts
from complaintkit.policy.supplied import attribute_facts

IS_MONEY = compile_condition({"field": "loss", "money": True}, currency="CNY")
NOT_MONEY = compile_condition({"field": "loss", "money": False}, currency="CNY")


def as_fact(value: object) -> Facts:
    """``value`` as a supplied fact reaches a condition (money as its amount)."""
    return Facts(attribute_facts({"loss": value}))


@pytest.mark.parametrize(
    "value",
    [{"amount": "200.00", "currency": "CNY"}, {"amount": "0", "currency": "USD"}],
)
def test_money_in_any_currency_is_money(value: object) -> None:
    assert IS_MONEY(as_fact(value))
    assert not NOT_MONEY(as_fact(value))


@pytest.mark.parametrize("value", [200, Decimal("200"), 2.5, "200", "200 CNY", True, [], {}])
def test_a_number_text_or_flag_is_not_money(value: object) -> None:
    assert not IS_MONEY(as_fact(value))
    assert NOT_MONEY(as_fact(value))


def test_an_absent_fact_is_neither() -> None:
    assert not IS_MONEY(Facts({}))
    assert not NOT_MONEY(Facts({}))
    assert not IS_MONEY(Facts({"loss": None}))


@settings(max_examples=100, deadline=None)
@given(amount=st.decimals(allow_nan=False, allow_infinity=False, places=2))
def test_money_and_its_bare_amount_differ(amount: Decimal) -> None:
    assert IS_MONEY(as_fact(Money(amount, "CNY")))
    assert not IS_MONEY(as_fact(amount))


def test_explain_says_what_the_fact_is_not() -> None:
    why = IS_MONEY.explain(as_fact(200))
    assert why is not None
    assert "loss is money" in why


@pytest.mark.parametrize("argument", ["yes", 1, None, "true"])
def test_an_argument_other_than_true_or_false_is_refused_at_its_place(argument: object) -> None:
    def locate(where: str) -> Location:
        return Location(file="shop.yaml", line=7, column=3, path=where)

    with pytest.raises(PolicyError) as refused:
        compile_condition({"field": "loss", "money": argument}, locate=locate)
    (problem,) = refused.value.problems
    assert problem.location is not None
    assert problem.location.path == "when.money"
    assert "true or false" in str(refused.value)


@pytest.mark.parametrize("path", ["complaint.amount", "customer.tier", "case.priority"])
def test_money_on_a_field_of_the_record_is_refused(path: str) -> None:
    # complaint.amount is its number, in complaint.currency: money: true would never hold
    with pytest.raises(PolicyError) as refused:
        compile_condition({"field": path, "money": True}, currency="CNY")
    assert "exists: true" in str(refused.value)


def test_money_on_an_attribute_is_read() -> None:
    check = compile_condition({"field": "complaint.attributes.loss", "money": True})
    money = Facts({"complaint": {"attributes": attribute_facts({"loss": Money("5", "CNY")})}})
    assert check(money)
