"""An approval role spelt unlike the same role elsewhere in the policy is told.

Found checking policy authoring: ``approvals: [{above: 500, role: store_manger}]`` beside
``{require_approval: {role: store_manager}}`` (or the roles notifications know, manager and
team_lead) loaded silently; an agent approving as store_manager was then refused, the
offer waiting on a role nobody holds. The roles an approval names are free text (the agent
gives one when approving), so one written nowhere else but a slip away from one that is
gets a warning with the spelling meant.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
LADDER = (
    "escalation:\n  ladders:\n    - name: slow\n      levels:\n        - name: late\n"
    "          trigger: {{sla: resolution, elapsed: 1.0}}\n"
    "          actions: [{{require_approval: {{role: {role}}}}}]\n"
)


def _roles(tmp_path: Path, approvals: str, ladder_role: str | None = None) -> list[Problem]:
    text = (
        f"complaintkit: 1\nextends: {BASE}\ncompensation:\n  approvals: {approvals}\n"
        "  currency: CNY\n  rules: []\n  default: {remedies: [apology]}\n"
        "sla:\n  targets: [{resolution: 3d}]\n"
    )
    if ladder_role is not None:
        text += LADDER.format(role=ladder_role)
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    return [p for p in check_policy(path) if p.code == "approval-role"]


def test_a_role_a_slip_from_the_escalations_is_told_the_one_meant(tmp_path: Path) -> None:
    (found,) = _roles(tmp_path, "[{above: 500, role: store_manger}]", "store_manager")
    assert found.severity == "warning"
    assert found.location.path == "compensation.approvals[0].role"
    assert found.location.line == 4
    assert "'store_manger'" in found.message
    assert found.hint.startswith("did you mean 'store_manager'?")


def test_a_role_a_slip_from_a_known_role_is_told(tmp_path: Path) -> None:
    (found,) = _roles(tmp_path, "[{above: 500, role: manger}]")
    assert found.hint.startswith("did you mean 'manager'?")


def test_two_thresholds_spelling_one_role_two_ways_are_told(tmp_path: Path) -> None:
    approvals = "[{above: 500, role: supervisor}, {above: 5000, role: supervisro}]"
    found = _roles(tmp_path, approvals)
    assert [p.location.path for p in found] == ["compensation.approvals[1].role"]


def test_roles_written_alike_everywhere_or_unlike_any_are_not_told(tmp_path: Path) -> None:
    assert _roles(tmp_path, "[{above: 500, role: store_manager}]", "store_manager") == []
    assert _roles(tmp_path, "[{above: 500, role: 店长}, {above: 900, role: director}]") == []
    path = tmp_path / "p.yaml"
    assert load_policy(path) is not None


def test_two_roles_alike_but_more_than_a_slip_apart_are_not_told(tmp_path: Path) -> None:
    approvals = "[{above: 300, role: site_manager}, {above: 900, role: store_manager}]"
    assert _roles(tmp_path, approvals) == []
