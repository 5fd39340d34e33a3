"""Two parents setting the same row differently: a conflict, unless the child picks one."""

from __future__ import annotations

from pathlib import Path

from complaintkit.desk.provisional import explain_complaint
from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import check_policy, load_policy

HERE = Path(__file__).with_name("precedence")
MILK = Complaint.from_json(
    {
        "channel": "web",
        "external_id": "e-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "C-1"},
        "text": "the milk was off",
    }
)


def _child(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "child.yaml"
    path.write_text(
        f"complaintkit: 1\nname: child\nextends: [{HERE / 'a.yaml'}, {HERE / 'b.yaml'}]\n{extra}",
        "utf-8",
    )
    return path


def test_two_parents_defining_one_row_differently_is_a_conflict_naming_both(
    tmp_path: Path,
) -> None:
    (problem,) = check_policy(_child(tmp_path))
    assert problem.code == "extends-conflict"
    assert "row 'food'" in problem.message
    assert f"{HERE / 'a.yaml'}:9:7" in problem.message
    assert f"{HERE / 'b.yaml'}:10:7" in problem.message
    assert "precedence:" in problem.hint


def test_precedence_says_which_parent_wins(tmp_path: Path) -> None:
    extra = f"precedence: [{HERE / 'a.yaml'}, {HERE / 'b.yaml'}]\n"
    policy = load_policy(_child(tmp_path, extra))
    assert policy.assess(MILK, _NoHistory()).severity == "major"  # a's row


def test_a_child_setting_the_row_itself_settles_it(tmp_path: Path) -> None:
    extra = (
        "classification:\n  rules:\n    - {id: food, when: {keywords: [milk]},"
        " then: {category: food, severity: minor, priority: high}}\n"
    )
    assert check_policy(_child(tmp_path, extra)) == []


def test_precedence_must_name_extended_policies(tmp_path: Path) -> None:
    problems = check_policy(_child(tmp_path, "precedence: [./nowhere.yaml]\n"))
    assert [p.code for p in problems] == ["precedence"]


def test_explain_names_the_file_each_row_came_from(tmp_path: Path) -> None:
    extra = f"precedence: [{HERE / 'a.yaml'}, {HERE / 'b.yaml'}]\n"
    explained = explain_complaint(load_policy(_child(tmp_path, extra)), MILK).to_json()
    rows = explained["blocks"][0]["rows"]
    assert rows[0]["source"] == f"{HERE / 'a.yaml'}:9"


class _NoHistory:
    def complaints_in_last_days(self, days: int) -> int:
        return 0

    def open_cases(self) -> int:
        return 0
