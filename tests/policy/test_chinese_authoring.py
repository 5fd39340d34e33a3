"""Mistakes a Chinese input method makes easy: full-width spaces for indentation and Chinese
text where an id goes. Each is named for what it is, at its own position."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy
from complaintkit.policy.source import parse_text

IDEOGRAPHIC_SPACE = "\u3000"
BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def test_a_full_width_space_in_the_indentation_is_named_at_its_position() -> None:
    text = f"teams:\n{IDEOGRAPHIC_SPACE}desk: {{default_owner: x}}\n"
    source = parse_text(text, "p.yaml")
    (problem,) = source.problems
    assert problem.code == "full-width"
    assert "U+3000" in problem.message
    assert (problem.location.line, problem.location.column) == (2, 1)
    assert source.data == {"teams": {"desk": {"default_owner": "x"}}}


def test_validate_reports_only_the_full_width_space(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        "complaintkit: 1\nextends: ./base.yaml\nteams:\n"
        f"{IDEOGRAPHIC_SPACE}{IDEOGRAPHIC_SPACE}desk: {{default_owner: x}}\n",
        "utf-8",
    )
    problems = check_policy(path)
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("full-width", 4, 1)
    ]


def test_a_chinese_id_is_explained_at_the_key_with_the_label_to_use(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE.read_text("utf-8"), "utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(
        "complaintkit: 1\nextends: ./base.yaml\ncategories:\n  产品质量: {label: {zh: 产品质量}}\n"
        "teams:\n  品控部: {label: 品控, default_owner: li.na}\n",
        "utf-8",
    )
    problems = check_policy(path)
    located = [(p.location.path, p.location.line, p.location.column) for p in problems]
    assert located == [("categories.产品质量", 4, 3), ("teams.品控部", 6, 3)]
    for problem in problems:
        assert "ASCII" in problem.message
        assert "does not match" not in problem.message
        assert "label: {zh:" in problem.hint
