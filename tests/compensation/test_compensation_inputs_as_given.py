"""A formula input is read as it was given: never silently replaced by another value."""

from __future__ import annotations

import pytest
from compensation_helpers import make_case

from complaintkit.compensation.policy import compile_section
from complaintkit.errors import InvalidInput

FIVE_PERCENT = {
    "currency": "CNY",
    "rules": [
        {"id": "late", "remedies": [{"kind": "voucher", "amount": {"percent": 5, "of": "amount"}}]}
    ],
}
FULL_REFUND = {
    "currency": "CNY",
    "rules": [{"id": "lost", "remedies": [{"kind": "refund", "full": True}]}],
}


@pytest.mark.parametrize("amount", [5, "5", {"amount": "5"}])
@pytest.mark.parametrize("section", [FIVE_PERCENT, FULL_REFUND])
def test_an_amount_supplied_as_no_money_is_refused_not_replaced_by_the_complaints(
    amount: object, section: dict[str, object]
) -> None:
    # an agent correcting the amount to 5 must not be paid on the complaint's 100 instead
    with pytest.raises(InvalidInput) as refused:
        compile_section(section).decide(make_case("100.00"), {"amount": amount})
    assert "amount is" in refused.value.message
    assert "currency" in refused.value.message


def test_an_amount_supplied_as_money_is_the_amount_read() -> None:
    decision = compile_section(FIVE_PERCENT).decide(
        make_case("100.00"), {"amount": {"amount": "40.00", "currency": "CNY"}}
    )
    assert str(decision.total) == "2.00 CNY"


LATE = {
    "currency": "CNY",
    "rules": [
        {
            "id": "late",
            "remedies": [
                {"kind": "voucher", "amount": {"multiple": {"fact": "days_late"}, "of": "price"}}
            ],
        }
    ],
}


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({"days_late": -3}, "facts.days_late"),
        ({"days_late": 2, "price": "5000"}, "facts.price"),
        ({"days_late": 2, "amount": 5}, "facts.amount"),
    ],
)
def test_a_fact_a_formula_refuses_is_the_field_named(facts: dict[str, object], field: str) -> None:
    # the HTTP agent endpoint answers 422 naming this field: the fact sent, not the row
    with pytest.raises(InvalidInput) as refused:
        compile_section(LATE).decide(make_case("100.00"), facts)
    assert refused.value.field == field


FIXED_REFUND = {
    "currency": "CNY",
    "rules": [{"id": "r", "remedies": [{"kind": "refund", "amount": 50}]}],
}


@pytest.mark.parametrize(
    ("section", "facts", "field"),
    [
        (FIVE_PERCENT, {"amount": {"amount": "5", "currency": "USD"}}, "facts.amount"),
        (FIXED_REFUND, {"paid": {"amount": "100", "currency": "USD"}}, "facts.paid"),
        (FULL_REFUND, {"price": {"amount": "100", "currency": "USD"}}, "facts.price"),
        (LATE, {"days_late": 2, "price": {"amount": "9", "currency": "EUR"}}, "facts.price"),
    ],
)
def test_an_input_in_another_currency_is_refused_naming_it(
    section: dict[str, object], facts: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        compile_section(section).decide(make_case(None), facts)
    assert refused.value.field == field
    assert "CNY" in refused.value.message


def test_a_complaint_paid_in_another_currency_is_refused_naming_its_amount() -> None:
    for section in (FULL_REFUND, FIXED_REFUND, FIVE_PERCENT):
        with pytest.raises(InvalidInput) as refused:
            compile_section(section).decide(make_case("20.00", "USD"))
        assert refused.value.field == "complaint.amount"
        assert "20.00 USD" in refused.value.message


def test_a_remedy_that_reads_no_payment_is_decided_whatever_was_paid() -> None:
    voucher = {
        "currency": "CNY",
        "rules": [{"id": "v", "remedies": [{"kind": "voucher", "amount": 10}]}],
    }
    for facts in ({}, {"paid": "20"}, {"paid": {"amount": "20", "currency": "USD"}}):
        decision = compile_section(voucher).decide(make_case("20.00", "USD"), facts)
        assert str(decision.total) == "10.00 CNY"
