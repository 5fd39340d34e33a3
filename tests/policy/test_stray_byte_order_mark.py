"""A byte order mark (U+FEFF) anywhere but a file's very start: what joining two files
leaves (``cat base.yaml extra.yaml``, or a second SOP saved by Notepad pasted in below).

At the start of a file it is dropped. In the middle, YAML took it for a character of the
line: before a top-level key it was 'this line is not indented like the keys above', and
inside a value or before an indented key it was read silently as part of the text. It is
named at its own line and column, and the file is read on without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
MARK = "\ufeff"
BASE_TEXT = BASE.read_text("utf-8")


def _errors(path: Path) -> list[tuple[str, int | None, int | None]]:
    return [
        (p.code, p.location.line, p.location.column)
        for p in check_policy(path)
        if p.severity == "error"
    ]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        # two files joined: the second begins with its mark, before a top-level key
        (BASE_TEXT + MARK + "description: 第二份\n", 37, 1),
        (BASE_TEXT + MARK + "# from the second file\n", 37, 1),
        (BASE_TEXT.replace("severities:", MARK + "severities:"), 13, 1),
        (BASE_TEXT.replace("  major:", MARK + "  major:"), 15, 1),
        (BASE_TEXT.replace("name: docs-base", "name: docs" + MARK + "-base"), 6, 11),
    ],
)
def test_a_stray_byte_order_mark_is_named_at_its_place(
    tmp_path: Path, text: str, line: int, column: int
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    assert _errors(path) == [("byte-order-mark", line, column)]
    (problem,) = check_policy(path)
    assert "U+FEFF" in problem.message
    assert "delete" in problem.hint


def test_a_byte_order_mark_at_the_start_of_a_json_policy_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    data = yaml.safe_load(BASE_TEXT)
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode())
    load_policy(path)


def test_two_json_policies_joined_name_the_mark_and_the_second_value(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    one = json.dumps(yaml.safe_load(BASE_TEXT), ensure_ascii=False, indent=1)
    path.write_text(one + "\n" + MARK + "{}\n", "utf-8")
    with pytest.raises(PolicyError) as refused:
        load_policy(path)
    found = [(p.code, p.location.line, p.location.column) for p in refused.value.problems]
    lines = one.count("\n") + 2
    assert ("byte-order-mark", lines, 1) in found
    assert [code for code, *_ in found] == ["byte-order-mark", "syntax"]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, len(BASE_TEXT) - 1))
def test_a_mark_anywhere_after_the_start_is_named_at_its_line_and_column(
    tmp_path_factory: pytest.TempPathFactory, at: int
) -> None:
    path = tmp_path_factory.mktemp("bom") / "p.yaml"
    path.write_text(BASE_TEXT[:at] + MARK + BASE_TEXT[at:], "utf-8")
    line = BASE_TEXT.count("\n", 0, at) + 1
    column = at - (BASE_TEXT.rfind("\n", 0, at) + 1) + 1
    marks = [
        (p.location.line, p.location.column)
        for p in check_policy(path)
        if p.code == "byte-order-mark"
    ]
    assert marks == [(line, column)]
