# ruff: noqa: RUF001, RUF002 -- the tests write the punctuation an author types
"""A condition's number written with a Chinese document's punctuation: the ideographic full
stop for the point (``1。5``, ``１。５``) or a comma between thousands (``1，000``,
``１，０００``).

YAML reads each as text. A comparison was told only "'>' takes a number", not the number
meant; an equality (``==``, ``!=``) compared the amount with the text, which no number
equals, and loaded silently. Both now write the number meant, as ``==: ３`` is told.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from one_row import condition_errors

from complaintkit.policy.conditions import compile_condition


@pytest.mark.parametrize(
    ("condition", "operator", "hint"),
    [
        ("'>': 1。5", ">", "write '>': 1.5"),
        ("'>': １。５", ">", "write '>': 1.5"),
        ("'>=': 1，000", ">=", "write '>=': 1000"),
        ("'<': １，０００。５", "<", "write '<': 1000.5"),
        ("==: 1。5", "==", "write '==': 1.5"),
        ("'!=': 1，000", "!=", "write '!=': 1000"),
        ("==: 12，345，678", "==", "write '==': 12345678"),
    ],
)
def test_a_number_with_chinese_punctuation_is_told_the_number(
    tmp_path: Path, condition: str, operator: str, hint: str
) -> None:
    ((path, line, told),) = condition_errors(tmp_path, condition, on="complaint.amount")
    assert (path, line) == (f"classification.rules[1].when.{operator}", 8)
    assert told.startswith(hint), told


@pytest.mark.parametrize("text", ["1。5号", "第1，2条", "1，00", "，1000", "1。"])
def test_text_that_is_no_such_number_is_compared_as_written(text: str) -> None:
    compile_condition({"field": "customer.tier", "==": text})
