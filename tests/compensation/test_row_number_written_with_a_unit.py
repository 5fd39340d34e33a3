"""A fact a compensation row compares with a number, given as text with its unit
(``days_late: "3天"``, ``"3 days"``, full-width ``"３天"``), used to fail every such row
without a word: the case was decided the default (an apology) as if it were not late. The
unit is not read (``"3 weeks"`` would be 21 days), so the decision is refused naming the
fact, the row and the bare number to write; text that is exactly a number is that number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from compensation_helpers import NOW, make_case

from complaintkit.compensation.policy import compile_section
from complaintkit.errors import InvalidInput

_LATE = {
    "currency": "CNY",
    "rules": [
        {
            "id": "very-late",
            "when": {"field": "days_late", ">=": 3},
            "remedies": [{"kind": "voucher", "amount": 50}],
        },
        {
            "id": "late",
            "when": {"field": "days_late", "between": [1, 2]},
            "remedies": [{"kind": "voucher", "amount": 20}],
        },
    ],
    "default": {"remedies": ["apology"]},
}


@pytest.mark.parametrize(
    ("written", "bare"), [("3天", "3"), ("3 days", "3"), ("３天", "3"), (" 2.5 日 ", "2.5")]
)
def test_a_number_with_its_unit_is_refused_naming_the_bare_number(written: str, bare: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        compile_section(_LATE).decide(make_case("200.00"), {"days_late": written}, now=NOW)
    assert refused.value.field == "facts.days_late"
    assert "very-late" in refused.value.message
    assert f"write days_late: {bare}" in refused.value.message


@pytest.mark.parametrize("written", ["三天", "three", ""])
def test_text_that_is_no_number_is_refused_naming_the_fact(written: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        compile_section(_LATE).decide(make_case("200.00"), {"days_late": written}, now=NOW)
    assert refused.value.field == "facts.days_late"
    assert "a bare number" in refused.value.message


def test_a_row_under_not_never_matches_on_text_it_cannot_compare() -> None:
    # not (days_late > 5) held for "3天" and paid the on-time row
    section = {
        "currency": "CNY",
        "rules": [
            {
                "id": "not-very-late",
                "when": {"not": {"field": "days_late", ">": 5}},
                "remedies": [{"kind": "voucher", "amount": 10}],
            }
        ],
    }
    with pytest.raises(InvalidInput) as refused:
        compile_section(section).decide(make_case("200.00"), {"days_late": "9天"}, now=NOW)
    assert refused.value.field == "facts.days_late"


@pytest.mark.parametrize(("days", "paid"), [("3", "50.00"), (" 2 ", "20.00"), (3, "50.00")])
def test_text_that_is_exactly_a_number_is_that_number(days: object, paid: str) -> None:
    decision = compile_section(_LATE).decide(make_case("200.00"), {"days_late": days}, now=NOW)
    assert decision.total.amount == Decimal(paid)


def test_a_row_after_the_first_match_does_not_read_the_fact() -> None:
    # hit policy first: the vip row decides, the later row's comparison is never made
    section = {
        "currency": "CNY",
        "rules": [
            {"id": "vip", "when": {"field": "vip", "==": True}, "remedies": ["apology"]},
            *_LATE["rules"],
        ],
    }
    facts = {"vip": True, "days_late": "3天"}
    decision = compile_section(section).decide(make_case("200.00"), facts, now=NOW)
    assert decision.rows == ("vip",)


def test_a_missing_fact_still_fails_the_row_quietly() -> None:
    decision = compile_section(_LATE).decide(make_case("200.00"), {}, now=NOW)
    assert decision.used_default
