"""A '{' or '[' left open across lines (a flow mapping's continuation line given twice,
a '}' forgotten) was told only where the parser gave up, lines below the slip, with
nothing pointing back; the refusal now names the line and column the collection opens at.
Found mutating the shipped policies."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.errors import PolicyError
from complaintkit.policy.source import read_source

ROOT = Path(__file__).resolve().parents[2]


def refusal(tmp_path: Path, text: str) -> str:
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as refused:
        read_source(path)
    (problem,) = refused.value.problems
    return problem.message


def test_a_calendar_line_given_twice_names_where_its_mapping_opens(tmp_path: Path) -> None:
    lines = (ROOT / "policies/regulatory/fca-disp.yaml").read_text(encoding="utf-8").split("\n")
    opening = next(n for n, line in enumerate(lines) if line.startswith("  uk_business_days: {"))
    lines.insert(opening + 1, lines[opening])
    column = lines[opening].index("{") + 1
    assert f"line {opening + 1}, column {column}" in refusal(tmp_path, "\n".join(lines))


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: {b: 1,\n   c: 2\nd: 3\n", "line 1, column 4"),
        ("x: 1\na: [1,\n   2\nd: 3\n", "line 2, column 4"),
    ],
)
def test_a_collection_left_open_names_where_it_opens(tmp_path: Path, text: str, where: str) -> None:
    assert where in refusal(tmp_path, text)
