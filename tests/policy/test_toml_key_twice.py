"""A TOML policy giving one key twice in a table is told which key and where the first
is, at the second key's own column: tomllib's "Cannot overwrite a value" was worded as "a
key is given twice" at a column past the end of the line, naming neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError, Problem
from complaintkit.policy.source import read_source


def _refused(tmp_path: Path, text: str) -> Problem:
    path = tmp_path / "policy.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(PolicyError) as refused:
        read_source(path)
    (problem,) = refused.value.problems
    return problem


@pytest.mark.parametrize(
    ("text", "key", "first", "line", "column"),
    [
        ('complaintkit = 1\n\n[categories.product]\nlabel = "a"\nlabel = "b"\n', "label", 4, 5, 1),
        ('complaintkit = 1\nname = "a"\nversion = "1"\n  name = "b"\n', "name", 2, 4, 3),
    ],
)
def test_a_key_given_twice_is_named_with_the_first(
    tmp_path: Path, text: str, key: str, first: int, line: int, column: int
) -> None:
    problem = _refused(tmp_path, text)
    assert f"{key!r}" in problem.message
    assert f"first at line {first}" in problem.message
    assert (problem.location.line, problem.location.column) == (line, column)


def test_a_key_in_another_table_is_no_duplicate_and_keeps_the_parsers_words(
    tmp_path: Path,
) -> None:
    text = 'complaintkit = 1\n[teams]\ndesk = {label = "a"}\n[teams.desk]\nlabel = "b"\n'
    assert "declared twice" in _refused(tmp_path, text).message
