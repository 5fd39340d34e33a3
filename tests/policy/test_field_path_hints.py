"""A field a condition cannot read as written names the fields it can, led by the one meant:
a Chinese path (投诉.金额) by the words it translates, a mistyped one by its spelling."""

from __future__ import annotations

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.conditions import compile_condition


def problem(field: object) -> tuple[str, str]:
    with pytest.raises(PolicyError) as caught:
        compile_condition({"field": field, ">": 100})
    (found,) = caught.value.problems
    assert found.code == "bad-field"
    return found.message, found.hint


@pytest.mark.parametrize(
    ("field", "meant"),
    [
        ("投诉.金额", "complaint.amount"),
        ("投诉.内容", "complaint.text"),
        ("客户.等级", "customer.tier"),
        ("complaint-amount", "complaint.amount"),
        ("complaint. amount", "complaint.amount"),
        ("complaint..text", "complaint.text"),
    ],
)
def test_a_path_that_is_no_path_says_which_field_was_meant(field: str, meant: str) -> None:
    message, hint = problem(field)
    assert message == f"'field' must be a dotted path such as complaint.amount (got '{field}')"
    assert hint.startswith(f"did you mean {meant!r}? ")


def test_the_hint_lists_the_fields_a_condition_reads() -> None:
    _, hint = problem("投诉.不存在的字段")
    assert "complaint.text" in hint
    assert "customer.tier" in hint
    assert "case.category" in hint
    assert "a supplied fact" in hint
    assert "did you mean" not in hint


def test_a_path_that_is_not_text_gets_the_list_too() -> None:
    message, hint = problem(12)
    assert message.endswith("(got 12)")
    assert "complaint.amount" in hint
