"""A fact written as money (``{amount, currency}``, from the complaint's attributes, the
case's facts or the agent's) compared with a bare number in a condition is money in the
policy's currency, as ``complaint.amount`` is. Under a CNY policy the row ``{field: loss,
">=": 1000}`` paid its voucher for a loss of 1000 JPY (about 48 CNY): the fact was compared
as its bare amount, its currency dropped. A fact in another currency cannot be compared,
so it meets neither the test nor ``not`` of it, and the trace says why."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from compensation_helpers import NOW, make_case
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.policy import compile_section
from complaintkit.errors import InvalidInput
from complaintkit.model.money import MINOR_UNITS
from complaintkit.policy.case_record import case_record
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts


def _voucher_when(when: object) -> dict[str, object]:
    return {
        "currency": "CNY",
        "rules": [{"id": "loss", "when": when, "remedies": [{"kind": "voucher", "amount": 50}]}],
        "default": {"remedies": ["apology"]},
    }


LARGE_LOSS = {"field": "loss", ">=": 1000}


def _kinds(when: object, loss: object) -> list[str]:
    decision = compile_section(_voucher_when(when)).decide(make_case(), {"loss": loss}, now=NOW)
    return [remedy.kind for remedy in decision.remedies]


def test_a_money_fact_in_another_currency_does_not_meet_a_bare_number() -> None:
    assert _kinds(LARGE_LOSS, {"amount": "1000", "currency": "JPY"}) == ["apology"]
    assert _kinds(LARGE_LOSS, {"amount": "1000.00", "currency": "CNY"}) == ["voucher"]


def test_nor_does_it_meet_not_of_it() -> None:
    small = {"not": LARGE_LOSS}
    assert _kinds(small, {"amount": "5", "currency": "JPY"}) == ["apology"]
    assert _kinds(small, {"amount": "5.00", "currency": "CNY"}) == ["voucher"]


def test_the_trace_says_the_fact_is_not_in_the_policy_currency() -> None:
    loss = {"amount": "1000", "currency": "JPY"}
    decision = compile_section(_voucher_when(LARGE_LOSS)).decide(
        make_case(), {"loss": loss}, now=NOW
    )
    assert "1000 JPY is not in CNY, the policy's currency" in decision.explain()


def test_a_plain_number_fact_compares_as_before() -> None:
    assert _kinds(LARGE_LOSS, 1000) == ["voucher"]
    assert _kinds({"field": "days_late", ">=": 3}, 1) == ["apology"]


def test_a_money_attribute_of_the_complaint_is_held_to_its_currency_too() -> None:
    case = make_case()

    with_loss = attrs.evolve(
        case.complaint, attributes={"loss": {"amount": "2000", "currency": "USD"}}
    )
    case = attrs.evolve(case, complaints=(with_loss,))
    condition = compile_condition(LARGE_LOSS, currency="CNY")
    facts = Facts(case_record(case))
    assert not condition(facts)
    assert not compile_condition({"not": LARGE_LOSS}, currency="CNY")(facts)


@given(
    currency=st.sampled_from(sorted(set(MINOR_UNITS) - {"CNY"})),
    amount=st.integers(min_value=1, max_value=10**9),  # 0 (against any) and any against 0
    threshold=st.integers(min_value=1, max_value=10**9),  # are compared at every rate
    operator=st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
)
def test_a_money_fact_in_another_currency_never_decides_a_bare_comparison(
    currency: str, amount: int, threshold: int, operator: str
) -> None:
    facts = Facts(case_record(make_case(), {"loss": {"amount": str(amount), "currency": currency}}))
    test = {"field": "loss", operator: threshold}
    assert not compile_condition(test, currency="CNY")(facts)
    assert not compile_condition({"not": test}, currency="CNY")(facts)
    in_yuan = Facts(case_record(make_case(), {"loss": {"amount": str(amount), "currency": "CNY"}}))
    held = compile_condition(test, currency="CNY")(in_yuan)
    assert held is not compile_condition({"not": test}, currency="CNY")(in_yuan)
    assert held is compile_condition(test)(Facts({"loss": Decimal(amount)}))


def test_a_money_fact_inside_another_is_money_too() -> None:
    """``flight: {price: {amount, currency}}`` stayed a mapping: ``flight.price.amount``
    compared its text as a bare number, 1000 JPY meeting ``>= 500`` under a CNY policy."""
    price = {"amount": "1000", "currency": "JPY"}
    facts = Facts(case_record(make_case(), {"flight": {"price": price, "legs": [price]}}))
    at_least = {"field": "flight.price", ">=": 500}
    assert not compile_condition(at_least, currency="CNY")(facts)
    assert not compile_condition({"not": at_least}, currency="CNY")(facts)
    assert compile_condition({"field": "flight.price", ">=": "500 JPY"})(facts)
    in_yuan = {"flight": {"price": {"amount": "1000.00", "currency": "CNY"}}}
    assert compile_condition(at_least, currency="CNY")(Facts(case_record(make_case(), in_yuan)))


def test_a_money_fact_inside_another_written_wrong_is_refused_naming_it() -> None:
    price = {"amount": "1,000", "currency": "CNY"}
    with pytest.raises(InvalidInput) as refused:
        case_record(make_case(), {"flight": {"price": price}})
    assert refused.value.field == "facts.flight.price.amount"


def test_the_trace_shows_a_money_fact_with_its_currency() -> None:
    """``loss >= 1000 was false (loss = 500.00)``: the trace of a test held to a currency
    dropped the fact's, so it read as a bare number."""
    facts = Facts(case_record(make_case(), {"loss": {"amount": "500.00", "currency": "CNY"}}))
    reason = compile_condition(LARGE_LOSS, currency="CNY").explain(facts) or ""
    assert "(loss = 500.00 CNY)" in reason
    in_yen = Facts(case_record(make_case(), {"loss": {"amount": "500", "currency": "JPY"}}))
    reason = compile_condition(LARGE_LOSS, currency="CNY").explain(in_yen) or ""
    assert "(500 JPY is not in CNY, the policy's currency)" in reason
