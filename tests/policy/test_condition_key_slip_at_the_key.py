"""A misspelt condition key beside a valid operator (``{fiel: case.tags, contains: vip}``)
was told "unknown condition keys: contains, fiel" at the condition: the operator, which is
right, named as unknown too, and the slip not at its place. Only the slip is named now,
at its key, with what it meant."""

from __future__ import annotations

import pytest

from complaintkit.errors import Location, PolicyError
from complaintkit.policy.conditions import compile_condition


def problem_for(condition: dict[str, object]) -> tuple[str, str, str]:
    def locate(where: str) -> Location:
        return Location(file="shop.yaml", line=7, column=3, path=where)

    with pytest.raises(PolicyError) as info:
        compile_condition(condition, "when", locate=locate)
    (problem,) = info.value.problems
    return problem.location.path, problem.message, problem.hint


@pytest.mark.parametrize(
    ("condition", "slip", "meant"),
    [
        ({"fiel": "case.tags", "contains": "vip"}, "fiel", "field"),
        ({"feild": "complaint.channel", "==": "web"}, "feild", "field"),
        ({"histroy": "open_cases", ">": 1}, "histroy", "history"),
        ({"keyword": ["退款"]}, "keyword", "keywords"),
    ],
)
def test_a_misspelt_condition_key_is_told_at_itself(
    condition: dict[str, object], slip: str, meant: str
) -> None:
    path, message, hint = problem_for(condition)
    assert path == f"when.{slip}"
    assert repr(slip) in message
    assert hint.startswith(f"did you mean {meant!r}?")
    operators = [key for key in condition if key != slip]
    assert not [op for op in operators if op in message]


def test_several_unknown_keys_are_told_at_the_condition() -> None:
    path, message, _ = problem_for({"a": 1, "b": 2})
    assert path == "when"
    assert "'a'" in message
    assert "'b'" in message
