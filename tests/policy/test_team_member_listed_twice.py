"""A team member listed twice is a warning at the second listing.

``members: [王芳, 张伟, 王芳]`` (a row of the SOP's table pasted twice) was valid with no
word; the author meant another person, or one name fewer.
"""

from __future__ import annotations

from pathlib import Path

from complaintkit.errors import Problem
from complaintkit.policy.compiled import check_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"


def _problems(tmp_path: Path, members: str) -> list[Problem]:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"complaintkit: 1\nextends: {BASE}\nteams:\n"
        f"  vip: {{label: VIP组, default_owner: 王芳, members: {members}}}\n",
        "utf-8",
    )
    return [p for p in check_policy(path) if p.code == "duplicate-member"]


def test_a_member_listed_twice_is_a_warning_at_the_second(tmp_path: Path) -> None:
    (found,) = _problems(tmp_path, "[王芳, 张伟, 王芳]")
    assert found.severity == "warning"
    assert found.location.path == "teams.vip.members[2]"
    assert "王芳" in found.message
    assert "members[0]" in found.message


def test_a_member_typed_full_width_or_with_a_space_is_the_same_member(tmp_path: Path) -> None:
    found = _problems(
        tmp_path,
        "[wang.fang, 'wang.fang ', \uff57\uff41\uff4e\uff47.\uff46\uff41\uff4e\uff47, 王芳]",
    )
    assert [p.location.path for p in found] == ["teams.vip.members[1]", "teams.vip.members[2]"]


def test_members_listed_once_each_are_fine(tmp_path: Path) -> None:
    assert _problems(tmp_path, "[王芳, 张伟, li.na]") == []
