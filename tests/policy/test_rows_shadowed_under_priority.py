"""Under hit policy priority a shadowed row is told what would let it match.

Found checking policy authoring: rows are tried by descending ``priority`` (ties in row
order), and a row an earlier-tried one always beats was named as under ``first``, with
the hint to move it before that row — which, when its priority is lower, changes nothing.
The message now gives both priorities and the hint the priority it needs.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _shadowed(tmp_path: Path, rows: str, hit_policy: str = "priority") -> list[Problem]:
    path = tmp_path / "p.yaml"
    text = f"complaintkit: 1\nextends: {BASE}\nclassification:\n  hit_policy: {hit_policy}\n"
    path.write_text(text + "  rules:\n" + rows, "utf-8")
    return [p for p in check_policy(path) if p.code == "shadowed-row"]


def _row(row_id: str, when: str, priority: int) -> str:
    return (
        f"    - id: {row_id}\n      when: {when}\n      then: {{category: service}}\n"
        f"      priority: {priority}\n"
    )


def test_a_row_of_lower_priority_is_told_the_priority_it_needs(tmp_path: Path) -> None:
    rows = _row("broken", "{keywords: [坏]}", 5) + _row("broken_down", "{keywords: [坏了]}", 1)
    (problem,) = _shadowed(tmp_path, rows)
    assert problem.location.path == "classification.rules[2]"  # after base.yaml's row
    assert "row 'broken_down' can never match" in problem.message
    assert "priority 5 against its 1" in problem.message
    assert "give it a priority above 5" in problem.hint
    assert "move it before" not in problem.hint


def test_a_row_of_the_same_priority_may_be_moved_or_raised(tmp_path: Path) -> None:
    rows = _row("broken", "{keywords: [坏]}", 5) + _row("again", "{keywords: [坏]}", 5)
    (problem,) = _shadowed(tmp_path, rows)
    assert "priority 5 as well, and comes first" in problem.message
    assert "give it a priority above 5" in problem.hint
    assert "move it before row 'broken'" in problem.hint


def test_a_row_written_later_but_of_higher_priority_shadows_an_earlier_one(
    tmp_path: Path,
) -> None:
    rows = _row("broken_down", "{keywords: [坏了]}", 0) + _row("broken", "{keywords: [坏]}", 9)
    (problem,) = _shadowed(tmp_path, rows)
    assert problem.location.path == "classification.rules[1]"
    assert "give it a priority above 9" in problem.hint


def test_under_first_the_hint_stays_to_move_the_row(tmp_path: Path) -> None:
    rows = _row("broken", "{keywords: [坏]}", 0) + _row("broken_down", "{keywords: [坏了]}", 0)
    (problem,) = _shadowed(tmp_path, rows, "first")
    assert problem.hint == "remove the row, or move it before the row that shadows it"
