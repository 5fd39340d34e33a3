"""A condition that, by the kind of value its field holds, could never match (or always
would) is an error where it is written, not a row that silently never fires: keywords
sought in a number or in the tag list, ``==`` a tag on the list of tags, a text test on a
history count, ``contains: ""``."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.conditions import compile_condition


def refusal(condition: dict[str, object]) -> tuple[str, str]:
    with pytest.raises(PolicyError) as caught:
        compile_condition(condition)
    (problem,) = caught.value.problems
    return problem.location.path, f"{problem.message} {problem.hint}"


@pytest.mark.parametrize(
    ("field", "named"),
    [
        ("complaint.amount", "number"),
        ("complaint.received_at", "date"),
        ("case.complaints", "number"),
        ("case.escalation_level", "number"),
        ("case.tags", "contains"),
    ],
)
def test_keywords_in_a_field_that_holds_no_text_are_refused(field: str, named: str) -> None:
    path, said = refusal({"keywords": ["late"], "fields": ["complaint.text", field]})
    assert path == "when.fields[1]"
    assert named in said


@pytest.mark.parametrize(
    ("operator", "argument"),
    [("==", "vip"), ("!=", "vip"), ("in", ["vip", "gold"]), ("not in", ["vip"])],
)
def test_comparing_the_tag_list_with_a_tag_is_refused(operator: str, argument: object) -> None:
    path, said = refusal({"field": "case.tags", operator: argument})
    assert path == f"when.{operator}"
    assert "contains" in said


@pytest.mark.parametrize("operator", ["contains", "regex"])
def test_a_text_test_on_a_history_count_is_refused(operator: str) -> None:
    path, said = refusal({"history": "open_cases", operator: "a"})
    assert path == f"when.{operator}"
    assert "number" in said


def test_contains_nothing_is_refused() -> None:
    path, said = refusal({"field": "complaint.text", "contains": ""})
    assert path == "when.contains"
    assert "every" in said


@pytest.mark.parametrize(
    "condition",
    [
        {"field": "case.tags", "contains": "vip"},
        {"keywords": ["vip"], "fields": ["complaint.subject", "customer.tier"]},
        {"field": "tags", "==": "vip"},  # a supplied fact may be anything
        {"history": "open_cases", ">": 0},
    ],
)
def test_conditions_that_can_match_still_load(condition: dict[str, object]) -> None:
    compile_condition(condition)
