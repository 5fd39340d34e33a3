"""An equality asking whether a field that holds a number (complaint.amount, case.complaints,
case.escalation_level) is some text that is no number: ``==: abc``, ``==: 五百`` (as an SOP
writes 500), ``in: [一, 2]``. No number equals such text, so the row never matched — and it
loaded without a word, while ``'>': 五百`` was refused. It is refused at the operator now,
with the number to write where the text spells one; text that is a number (``"100"``,
which compares as 100) is as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from one_row import condition_errors


@pytest.mark.parametrize(
    ("condition", "operator", "hint"),
    [
        ("field: complaint.amount, ==: abc", "==", "write '==': followed by a bare number"),
        ("field: complaint.amount, ==: 五百", "==", "write '==': 500"),
        ("field: case.escalation_level, in: [一, 2]", "in", "write 'in': [1, 2]"),
        ("field: case.complaints, '!=': 三", "!=", "write '!=': 3"),
    ],
)
def test_text_that_is_no_number_on_a_number_field_is_refused(
    tmp_path: Path, condition: str, operator: str, hint: str
) -> None:
    ((path, _, told),) = condition_errors(tmp_path, condition)
    assert path == f"classification.rules[1].when.{operator}"
    assert told.startswith(hint), told


@pytest.mark.parametrize(
    "condition",
    ["field: complaint.amount, ==: '100'", "field: complaint.amount, in: [100, ' 99.5 ']"],
)
def test_text_that_is_a_number_compares_as_it(tmp_path: Path, condition: str) -> None:
    assert condition_errors(tmp_path, condition) == []
