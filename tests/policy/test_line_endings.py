# ruff: noqa: RUF001 -- the tests write the full-width mark an author types
"""A policy saved with CR line ends (an old Mac editor, some Windows tools) or CRLF ones is
read as the lines its editor shows: YAML counts a lone CR as a line break, but the checks
that read the text before the parser (a full-width comment mark, a bullet, a full-width
space) split it at LF only, so in a CR file a slip was named on line 1 at a column past
the first line's end, or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
TEXT = (
    f"complaintkit: 1\nextends: {BASE}\nname: docs  ＃ 名称\nteams:\n  desk:\n    label: x\n"
    "    members:\n      \u2022 chen.jing\n      \u2022 amy\n  quality: {label: y}\u3000\n"
)


def _found(tmp_path: Path, text: str) -> list[tuple[str, int | None, int | None]]:
    path = tmp_path / "p.yaml"
    path.write_bytes(text.encode("utf-8"))
    return sorted((p.code, p.location.line, p.location.column) for p in check_policy(path))


@pytest.mark.parametrize("end", ["\r", "\r\n"])
def test_slips_are_named_where_they_are_whatever_the_line_ends(tmp_path: Path, end: str) -> None:
    expected = _found(tmp_path, TEXT)
    assert [code for code, *_ in expected] == ["bullet", "bullet", "full-width", "full-width"]
    assert _found(tmp_path, TEXT.replace("\n", end)) == expected


@pytest.mark.parametrize("end", ["\r", "\r\n"])
def test_a_full_width_space_ending_a_line_is_named_whatever_the_line_ends(
    tmp_path: Path, end: str
) -> None:
    text = f"complaintkit: 1\nextends: {BASE}\nteams:\n  quality: {{label: y}}\u3000\n"
    assert _found(tmp_path, text.replace("\n", end)) == [("full-width", 4, 22)]
