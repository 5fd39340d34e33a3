"""Two rows with one id were told ``row id 'a' is also used by classification.rules[1]``:
a path into the merged policy, whose index counts the rows of the policy it extends, so
in the author's file, holding two rows, ``rules[1]`` is the duplicate itself. The message
now names the first row's line too."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
_ROWS = (
    "classification:\n  rules:\n"
    "    - {id: a, when: {field: complaint.text, contains: x}, then: {category: product}}\n"
    "    - {id: a, when: {field: complaint.text, contains: y}, then: {category: product}}\n"
)


def test_the_first_row_is_named_by_its_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\nextends: {BASE}\n{_ROWS}", "utf-8")
    (problem,) = check_policy(path)
    assert problem.code == "duplicate-id"
    assert problem.location.line == 6
    assert "line 5" in problem.message
    assert "p.yaml" not in problem.message  # the same file: its line is enough


def test_without_extends_the_line_is_named_too(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"complaintkit: 1\n{_ROWS}", "utf-8")
    duplicate = next(p for p in check_policy(path) if p.code == "duplicate-id")
    assert duplicate.location.line == 5
    assert "classification.rules[0] (line 4)" in duplicate.message
