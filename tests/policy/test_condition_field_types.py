"""A text operator on a complaint field that is not text never matches: validate says so,
and explanations show dates and money as text, never as Python reprs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.model.money import Money
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts
from complaintkit.policy.operators import render_value


@pytest.mark.parametrize(
    ("field", "operator"),
    [
        ("complaint.amount", "regex"),
        ("complaint.amount", "contains"),
        ("complaint.received_at", "contains"),
        ("complaint.received_at", "regex"),
    ],
)
def test_a_text_operator_on_a_field_that_is_not_text_is_an_error(field: str, operator: str) -> None:
    with pytest.raises(PolicyError) as refused:
        compile_condition({"field": field, operator: "1"})
    (problem,) = refused.value.problems
    assert problem.code == "operator-type"
    assert problem.location.path == f"when.{operator}"
    assert field in problem.message


@pytest.mark.parametrize(
    "condition",
    [
        {"field": "complaint.text", "regex": "1"},
        {"field": "complaint.amount", ">": 1},
        {"field": "case.tags", "contains": "vip"},
        {"field": "attributes.note", "contains": "x"},
    ],
)
def test_operators_that_apply_to_the_field_compile(condition: dict[str, object]) -> None:
    compile_condition(condition)


@given(st.datetimes(timezones=st.just(timezone(timedelta(hours=8))) | st.just(UTC)))
def test_an_instant_renders_as_iso_text(instant: datetime) -> None:
    assert render_value(instant) == instant.isoformat()


def test_money_renders_with_its_minor_units_and_currency() -> None:
    assert render_value(Money(Decimal(10), "CNY")) == "10.00 CNY"


def test_true_and_false_render_as_the_policy_writes_them() -> None:
    # explain said "when fraud == True" and "in [False, True]", Python's spelling
    assert compile_condition({"field": "fraud", "==": True}).describe() == "fraud == true"
    assert render_value([False, True, None]) == "[false, true, null]"


@pytest.mark.parametrize(
    "condition",
    [
        {">": 5},
        {"<=": 20261123},
        {"between": [1, 2]},
        {"==": "2026-11-23T09:00:00+08:00"},
        {"!=": "2026-11-23"},
        {"in": ["2026-11-23"]},
        {"not in": [1]},
    ],
)
def test_a_comparison_with_an_instant_is_an_error(condition: dict[str, object]) -> None:
    # no number or text equals or orders with a date and time: '> 5' validated and never
    # held, '!= ...' always did, and '>= 2026-01-01' was refused as 'expects a number'
    with pytest.raises(PolicyError) as refused:
        compile_condition({"field": "complaint.received_at", **condition})
    (problem,) = refused.value.problems
    assert problem.code == "operator-type"
    assert "complaint.received_at" in problem.message


def test_whether_an_instant_is_there_can_be_asked() -> None:
    compile_condition({"field": "complaint.received_at", "exists": True})


@pytest.mark.parametrize(
    "condition",
    [
        {"field": "customer.region", "in": ["CN", False]},  # in: [CN, NO]: YAML reads NO as false
        {"field": "complaint.language", "==": False},  # ==: no (Norwegian)
        {"field": "case.status", "!=": True},  # != on: always held
        {"field": "case.escalation_level", "not in": [True]},
    ],
)
def test_true_or_false_compared_with_a_record_field_is_an_error(
    condition: dict[str, object],
) -> None:
    # no record field is ever true or false, so the row silently never (or always) matched
    with pytest.raises(PolicyError) as refused:
        compile_condition(condition)
    (problem,) = refused.value.problems
    operator = next(key for key in condition if key != "field")
    assert (problem.code, problem.location.path) == ("operator-type", f"when.{operator}")
    assert str(condition["field"]) in problem.message


@pytest.mark.parametrize(
    "field", ["complaint.attributes.fraud", "case.attributes.fraud", "fraud", "flight.delayed"]
)
def test_true_or_false_compared_with_a_fact_is_fine(field: str) -> None:
    compile_condition({"field": field, "==": True})
    compile_condition({"field": field, "in": [True, "yes"]})


@pytest.mark.parametrize(
    ("field", "number"),
    [("complaint.text", 12315), ("complaint.order_id", 42), ("case.tags", 7), ("customer.id", 1.5)],
)
def test_contains_a_number_on_text_is_an_error(field: str, number: object) -> None:
    # YAML reads contains: 12315 (a hotline) as a number, which no text contains
    with pytest.raises(PolicyError) as refused:
        compile_condition({"field": field, "contains": number})
    (problem,) = refused.value.problems
    assert (problem.code, problem.location.path) == ("operator-type", "when.contains")
    assert field in problem.message
    assert f'"{number}"' in problem.hint


@pytest.mark.parametrize("field", ["attributes.codes", "complaint.attributes.codes", "codes"])
def test_contains_a_number_on_a_fact_is_fine(field: str) -> None:
    check = compile_condition({"field": field, "contains": 7})
    assert check(Facts.from_flat({field: [7, 8]}))
