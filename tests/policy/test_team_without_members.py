"""``members: []`` lists nobody: a team written so is told, not taken as unrestricted.

Found checking policy authoring: a team whose SOP left its member list empty loaded
without a word; its cases (and an escalation handing cases to it) had nobody listed.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy, load_policy

BASE = Path(__file__).parent / "mistakes" / "base.yaml"


def _write(tmp_path: Path, teams: str) -> Path:
    text = BASE.read_text("utf-8").replace(
        "teams: {desk: {label: Desk, default_owner: amy}}", teams
    )
    path = tmp_path / "p.yaml"
    path.write_text(text, "utf-8")
    return path


def test_an_empty_member_list_is_a_warning_at_it(tmp_path: Path) -> None:
    path = _write(tmp_path, "teams:\n  desk: {label: Desk, default_owner: amy, members: []}")
    (found,) = [p for p in check_policy(path) if p.code == "empty-members"]
    assert found.severity == "warning"
    assert (found.location.line, found.location.path) == (8, "teams.desk.members")
    assert "desk" in found.message
    assert "members" in found.hint
    assert load_policy(path) is not None  # a warning: the policy still loads


def test_a_team_listing_members_or_none_is_not_told(tmp_path: Path) -> None:
    listed = "teams:\n  desk: {label: Desk, default_owner: amy, members: [amy]}\n  qa: {label: QA}"
    assert not [p for p in check_policy(_write(tmp_path, listed)) if p.code == "empty-members"]


def test_members_typed_with_a_chinese_comma_are_named_at_the_comma(tmp_path: Path) -> None:
    """``members: [张三, 李四]`` typed with a full-width comma is one member to YAML; the
    team's default owner 张三 was then told it is not one of the members (张三, 李四, one
    name with that comma), which reads as a contradiction."""
    teams = "teams:\n  desk: {label: Desk, default_owner: 张三, members: [张三\uff0c李四]}"
    found = [p for p in check_policy(_write(tmp_path, teams)) if p.severity == "error"]
    assert [(p.code, p.location.path) for p in found] == [("full-width", "teams.desk.members[0]")]
    assert "'\uff0c'" in found[0].message
    assert found[0].hint.endswith("张三, 李四")
    assert found[0].location.line == 8
