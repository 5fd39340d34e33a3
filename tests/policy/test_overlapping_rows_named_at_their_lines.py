"""Two rows that overlap (``unique``) or shadow one another (``first``) were named, the
earlier of them, by its path alone: ``rows 'spoiled' (classification.rules[0]) and
'milk'``, where the earlier row may be in the policy this one extends, and its index in
the merged table is no line an author can go to. Both rows are now named at file:line."""

from __future__ import annotations

from pathlib import Path

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

ROW = "    - id: {id}\n      when: {when}\n      then: {{team: quality}}\n"


def _policy(tmp_path: Path, hit_policy: str, parent_rows: str, rows: str) -> Path:
    (tmp_path / "base.yaml").write_text(
        (Path(__file__).parents[2] / "docs" / "policy" / "base.yaml").read_text("utf-8"),
        "utf-8",
    )
    (tmp_path / "parent.yaml").write_text(
        "complaintkit: 1\nextends: ./base.yaml\nrouting:\n"
        f"  hit_policy: {hit_policy}\n  rules:\n{parent_rows}",
        "utf-8",
    )
    child = tmp_path / "child.yaml"
    child.write_text(
        f"complaintkit: 1\nextends: ./parent.yaml\nrouting:\n  rules:\n{rows}", "utf-8"
    )
    return child


def _errors(policy: Path, code: str) -> list[Problem]:
    return [p for p in check_policy(policy) if p.code == code]


def test_a_unique_overlap_names_both_rows_at_their_lines(tmp_path: Path) -> None:
    rows = ROW.format(id="sour-milk", when="{keywords: [酸牛奶]}")
    milk = ROW.format(id="milk", when="{keywords: [牛奶]}")
    child = _policy(tmp_path, "unique", milk, rows)
    (problem,) = _errors(child, "unique-overlap")
    assert (Path(problem.location.file).name, problem.location.line) == ("child.yaml", 5)
    assert f"'milk' ({tmp_path / 'parent.yaml'}:6)" in problem.message
    assert f"'sour-milk' ({child}:5)" in problem.message


def test_a_shadowed_row_names_the_row_shadowing_it_at_its_line(tmp_path: Path) -> None:
    rows = ROW.format(id="sour-milk", when="{keywords: [酸牛奶]}")
    milk = ROW.format(id="milk", when="{keywords: [牛奶]}")
    child = _policy(tmp_path, "first", milk, rows)
    (problem,) = _errors(child, "shadowed-row")
    assert problem.location.line == 5
    assert f"row 'milk' ({tmp_path / 'parent.yaml'}:6)" in problem.message
