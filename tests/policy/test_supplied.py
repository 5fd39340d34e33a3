"""Supplied facts: attribute layers then the caller's facts, Money recognised."""

from __future__ import annotations

from decimal import Decimal

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money
from complaintkit.policy.supplied import plain, supplied_facts


def test_later_layers_override_earlier_ones() -> None:
    facts = supplied_facts({"fault": "carrier", "x": 1}, {"fault": "merchant"}, facts={"x": 2})
    assert facts == {"fault": "merchant", "x": 2}


def test_an_amount_with_a_currency_is_money_in_every_layer() -> None:
    money = {"amount": "12.50", "currency": "CNY"}
    facts = supplied_facts({"price": money}, facts={"loss": money})
    assert facts == {"price": Money("12.50", "CNY"), "loss": Money("12.50", "CNY")}


def test_a_reserved_attribute_stays_out_but_a_reserved_fact_is_refused() -> None:
    assert supplied_facts({"customer": "x"}) == {}
    with pytest.raises(InvalidInput, match="facts.case"):
        supplied_facts(facts={"case": 1})


def test_a_bad_amount_names_the_fact() -> None:
    with pytest.raises(InvalidInput) as info:
        supplied_facts(facts={"loss": {"amount": "lots", "currency": "CNY"}})
    assert info.value.field.startswith("facts.loss")


def test_plain_turns_money_into_its_amount_at_any_depth() -> None:
    assert plain({"a": [Money("1.50", "EUR")]}) == {"a": [Decimal("1.50")]}
