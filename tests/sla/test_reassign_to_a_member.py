"""An escalation's ``reassign`` to a team that lists ``members`` must name one of them, as
a routing row naming the team must (docs/policies.md): ``{owner: 李四, team: vip}`` where
vip's members are 王芳 and 张伟 handed the escalated case to someone outside the team
without a word from validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.policy.compiled import check_policy

POLICY = """\
complaintkit: 1
name: shop
version: "1"
categories: {service: {label: 服务}}
severities: {minor: {label: 一般}}
priorities: {urgent: {label: 紧急}, normal: {label: 普通}}
teams:
  desk: {label: 客服组, default_owner: 小王}
  vip: {label: 贵宾组, default_owner: 王芳, members: [王芳, 张伟]}
classification: {rules: [], default: {category: service, severity: minor, priority: normal}}
routing: {rules: [], default: {team: desk}}
sla:
  targets:
    - {resolution: 24h}
escalation:
  ladders:
    - name: standard
      levels:
        - name: vip
          trigger: {sla: resolution, elapsed: 0.5}
          actions: [{reassign: REASSIGN}]
"""
SPOT = "escalation.ladders[0].levels[0].actions[0].reassign.owner"


def _errors(tmp_path: Path, reassign: str) -> dict[str, str]:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("REASSIGN", reassign), encoding="utf-8")
    return {p.location.path: p.message for p in check_policy(path) if p.severity == "error"}


def test_a_reassignment_to_someone_outside_the_team_is_an_error_at_the_owner(
    tmp_path: Path,
) -> None:
    found = _errors(tmp_path, "{owner: 李四, team: vip}")
    assert list(found) == [SPOT]
    assert "李四" in found[SPOT]
    assert "王芳, 张伟" in found[SPOT]


@pytest.mark.parametrize(
    "reassign", ["{owner: 张伟, team: vip}", "{owner: 李四, team: desk}", "{owner: 李四}"]
)
def test_a_member_or_a_team_without_members_is_accepted(tmp_path: Path, reassign: str) -> None:
    assert _errors(tmp_path, reassign) == {}
