# ruff: noqa: RUF001 -- the tests write the full-width marks an author types
"""Columns name the file as the author's editor shows it, also on a line the reader changed
before parsing it: a stray byte order mark it took out, or a full-width colon after a key
it read as ': ' (one character for two, or for two blanks and itself).

A problem after such a change on the same line was named one column to the left (after a
mark taken out, or two blanks and a colon read as two) or to the right (a colon read as
two), in YAML, JSON and TOML alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
MARK = "\ufeff"
HEAD = f"complaintkit: 1\nextends: {BASE}\n"


def _errors(tmp_path: Path, text: str, suffix: str = ".yaml") -> list[tuple[str, int, int]]:
    path = tmp_path / f"p{suffix}"
    path.write_text(text, "utf-8")
    return sorted(
        (p.code or p.message.split()[0], p.location.line or 0, p.location.column or 0)
        for p in check_policy(path)
        if p.severity == "error"
    )


def _column(line: str, seen: str) -> int:
    return line.index(seen) + 1


@pytest.mark.parametrize(
    "line",
    [
        f"name: {MARK}docs  ＃ 名称",
        f"{MARK}name: docs  ＃ 名称",
        f"name: d{MARK}o{MARK}cs  ＃ 名称",
        "name：docs  ＃ 名称",
        "name  ：docs  ＃ 名称",
        f"name{MARK}：docs  ＃ 名称",
    ],
)
def test_a_comment_mark_after_a_change_is_named_where_it_is(tmp_path: Path, line: str) -> None:
    found = _errors(tmp_path, HEAD + line + "\n")
    assert ("full-width", 3, _column(line, "＃")) in found, found


@pytest.mark.parametrize(
    "line",
    [
        f"  quality: {{{MARK}label: 品控部, default_owner: li.na, membrs: []}}",
        "  quality: {label：品控部, default_owner: li.na, membrs: []}",
        "  quality: {label  ：品控部, default_owner: li.na, membrs: []}",
        "  quality: {label：品控部, default_owner：li.na, membrs: []}",
    ],
)
def test_an_unknown_key_after_a_change_is_named_where_it_is(tmp_path: Path, line: str) -> None:
    found = _errors(tmp_path, HEAD + "teams:\n" + line + "\n")
    unknown = [column for code, _, column in found if code.startswith("schema")]
    assert unknown == [_column(line, "membrs")], found


def test_a_syntax_error_after_a_mark_is_named_where_it_is(tmp_path: Path) -> None:
    line = f"name: {MARK}[a, b: c}}"
    found = _errors(tmp_path, HEAD + line + "\n")
    assert [column for code, _, column in found if code == "syntax"] == [_column(line, "}")]


def test_a_json_error_after_a_mark_is_named_where_it_is(tmp_path: Path) -> None:
    line = f'{{"complaintkit": 1, {MARK}"extends": "{BASE}", "nmae": "x"}}'
    found = _errors(tmp_path, line, ".json")
    columns = [column for code, line_, column in found if code != "byte-order-mark"]
    assert columns == [_column(line, '"nmae"')], found


def test_a_toml_error_after_a_mark_is_named_where_it_is(tmp_path: Path) -> None:
    line = f'name = {MARK}"x" y'
    found = _errors(tmp_path, f'complaintkit = 1\nextends = "{BASE}"\n{line}\n', ".toml")
    assert [column for code, _, column in found if code == "syntax"] == [_column(line, "y")]
