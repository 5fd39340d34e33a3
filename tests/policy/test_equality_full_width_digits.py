# ruff: noqa: RUF002 -- the docstring shows the full-width digits an author types
"""An equality's number typed with the input method in full-width mode: ``==: ３`` (the
operator written as a bare YAML key), ``'!=': ３``, ``in: [３, 4]``.

``>=: ５００`` was already refused with the number to write in ASCII digits; ``==`` takes
text as well as numbers, so ``３`` was accepted as text, and the condition compared the
amount with a text that no number equals: the row never matched, with no word at load.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from one_row import BASE, condition_errors

from complaintkit.policy.compiled import check_policy
from complaintkit.policy.conditions import compile_condition

THREE = "\uff13"


@pytest.mark.parametrize(
    ("condition", "operator", "hint"),
    [
        (f"field: complaint.amount, ==: {THREE}", "==", "write '==': 3"),
        (f"field: complaint.amount, '!=': {THREE}", "!=", "write '!=': 3"),
        (f"field: order.count, ==: {THREE}{THREE}.\uff15", "==", "write '==': 33.5"),
        (f"field: complaint.amount, in: [{THREE}, 4]", "in", "write 'in': [3, 4]"),
        (f"field: customer.tier, 'not in': [gold, {THREE}]", "not in", "write 'not in': [gold, 3]"),
    ],
)
def test_an_equality_with_full_width_digits_is_told_the_ascii_number(
    tmp_path: Path, condition: str, operator: str, hint: str
) -> None:
    ((path, line, told),) = condition_errors(tmp_path, condition)
    assert (path, line) == (f"classification.rules[1].when.{operator}", 6)
    assert told.startswith(hint), told


def test_an_equality_given_the_number_in_a_block_mapping_is_refused_too(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nclassification:\n  rules:\n    - id: three\n"
        f"      when:\n        field: complaint.amount\n        ==: {THREE}\n"
        "      then: {category: product, severity: major, priority: high}\n",
        "utf-8",
    )
    (problem,) = [p for p in check_policy(path) if p.severity == "error"]
    assert (problem.location.line, problem.location.column) == (8, 9)
    assert "ASCII" in problem.hint


@pytest.mark.parametrize("text", ["3", "gold", "３号店", "第３"])
def test_text_that_is_no_full_width_number_is_compared_as_written(text: str) -> None:
    compile_condition({"field": "customer.tier", "==": text})
    compile_condition({"field": "customer.tier", "in": [text, "vip"]})
