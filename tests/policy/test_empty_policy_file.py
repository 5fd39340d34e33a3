"""A policy file that holds nothing — empty, only blank lines, or only comments (a file
saved before it was written, or an SOP's notes with no policy under them). It was told six
things at line 1 — a missing 'complaintkit' key, no categories, no severities, no
priorities, no classification and no routing table — none saying the file is empty. It is
now one error saying so, with what a policy starts with; in YAML, JSON ({}) and TOML alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("p.yaml", ""),
        ("p.yaml", "\n\n   \n"),
        ("p.yaml", "# 投诉处理规则\n# 待补充\n"),
        ("p.toml", "# 待补充\n"),
        ("p.toml", ""),
        ("p.json", "{}"),
    ],
)
def test_an_empty_policy_file_is_one_error_saying_so(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    (problem,) = check_policy(path)
    assert (problem.code, problem.location.line, problem.location.column) == ("empty", 1, 1)
    assert "empty" in problem.message
    assert "complaintkit: 1" in problem.hint


@pytest.mark.parametrize(
    "text", ["---\n", "---", "# 投诉处理规则\n---\n# 待补充\n", "---\n...\n", "\n\n---\n"]
)
def test_a_file_holding_only_a_document_marker_is_empty_at_line_1(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    (problem,) = check_policy(path)
    assert (problem.code, problem.location.line, problem.location.column) == ("empty", 1, 1)
