"""An escalation's ``reassign: {owner: X}`` without a team keeps the case's team, so X
must be able to own a case of a team routing gives: a member of one of those that list
``members`` (or of the teams the ladder's ``when`` keeps it to)."""

from __future__ import annotations

from pathlib import Path

from complaintkit.policy.compiled import check_policy

ROOT = Path(__file__).parents[2]
LEVEL = "escalation.ladders[0].levels[0].actions[0].reassign.owner"


def _found(tmp_path: Path, teams: str, owner: str, when: str = "") -> list[tuple[str, str]]:
    policy = tmp_path / "p.yaml"
    policy.write_text(
        f"complaintkit: 1\nextends: {ROOT / 'docs' / 'policy' / 'base.yaml'}\n"
        f"teams:\n{teams}"
        "sla:\n  targets: [{first_response: 24h}]\n"
        f"escalation:\n  ladders:\n    - name: l\n{when}      levels:\n"
        "        - {name: a, trigger: {sla: first_response, elapsed: 1.0}, "
        f"actions: [{{reassign: {{owner: {owner}}}}}]}}\n",
        "utf-8",
    )
    return [(p.location.path, p.message) for p in check_policy(policy) if p.code == "not-member"]


QUALITY = "  quality: {default_owner: li.na, members: [li.na, qa.zhou]}\n"


def test_an_owner_in_no_team_routing_gives_is_an_error_at_the_owner(tmp_path: Path) -> None:
    # zhou.boss took every quality case the level reached, a team that does not have him
    ((path, message),) = _found(tmp_path, QUALITY, "zhou.boss")
    assert path == LEVEL
    assert "zhou.boss" in message
    assert "quality" in message


def test_a_member_of_a_team_routing_gives_may_be_reassigned_to(tmp_path: Path) -> None:
    assert _found(tmp_path, QUALITY, "qa.zhou") == []


def test_a_team_routing_never_gives_is_not_held_against_the_owner(tmp_path: Path) -> None:
    logistics = "  logistics: {default_owner: ops.kim, members: [ops.kim]}\n"
    assert _found(tmp_path, logistics, "zhou.boss") == []


def test_a_ladder_kept_to_a_team_without_members_takes_any_owner(tmp_path: Path) -> None:
    when = "      when: {field: case.team, ==: desk}\n"
    assert _found(tmp_path, QUALITY, "zhou.boss", when) == []


def test_a_ladder_kept_to_a_team_with_members_needs_one_of_them(tmp_path: Path) -> None:
    when = "      when: {field: case.team, in: [quality]}\n"
    ((path, _),) = _found(tmp_path, QUALITY, "zhou.boss", when)
    assert path == LEVEL


def test_the_shipped_shop_policy_reassigns_to_a_member() -> None:
    policy = ROOT / "policies" / "ecommerce" / "online-shop.yaml"
    assert [p for p in check_policy(policy) if p.code == "not-member"] == []
