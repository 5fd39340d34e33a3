"""An escalation's ``reassign`` to the owner (and team) the case already has is no change,
as ``Desk.assign`` to it is none: it recorded an ``assigned`` event at every firing, so the
history read as a hand-over to the same person and every ``on_event`` hook and webhook was
told the case changed hands. The escalation itself is still recorded; a reassignment to
someone else, or to the same owner in another team, still is too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

POLICY = """\
complaintkit: 1
name: shop
version: "1"
categories: {service: {label: 服务}}
severities: {minor: {label: 一般}}
priorities: {normal: {label: 普通}}
teams:
  desk: {label: 客服组, default_owner: 小王}
  vip: {label: 贵宾组, default_owner: 王芳}
classification: {rules: [], default: {category: service, severity: minor, priority: normal}}
routing: {rules: [], default: {team: desk}}
sla:
  targets:
    - {resolution: 24h}
escalation:
  ladders:
    - name: standard
      levels:
        - name: half
          trigger: {sla: resolution, elapsed: 0.5}
          actions: [{reassign: REASSIGN}]
"""
NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def _escalated(tmp_path: Path, reassign: str) -> list[tuple[str, dict[str, object]]]:
    """The events after the opening, of a case whose escalation fired ``reassign``."""
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("REASSIGN", reassign), encoding="utf-8")
    desk = Desk(load_policy(path), storage="memory:", clock=ManualClock(NOW))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "W-1",
            "received_at": NOW.isoformat(),
            "customer": {"id": "c-1"},
            "text": "客服态度很差",
        }
    )
    assert (case.owner, case.team) == ("小王", "desk")
    opened = len(desk.history(case.id))
    report = desk.tick(NOW + timedelta(hours=13))
    assert report.escalations == 1
    return [(event.kind, dict(event.data)) for event in desk.history(case.id)[opened:]]


@pytest.mark.parametrize("reassign", ["{owner: 小王}", "{owner: 小王, team: desk}"])
def test_a_reassignment_to_the_owner_it_has_records_no_hand_over(
    tmp_path: Path, reassign: str
) -> None:
    kinds = [kind for kind, _ in _escalated(tmp_path, reassign)]
    assert "escalated" in kinds
    assert "assigned" not in kinds


@pytest.mark.parametrize(
    ("reassign", "owner", "team"),
    [("{owner: 李四}", "李四", None), ("{owner: 小王, team: vip}", "小王", "vip")],
)
def test_a_reassignment_that_changes_owner_or_team_is_recorded(
    tmp_path: Path, reassign: str, owner: str, team: str | None
) -> None:
    assigned = [data for kind, data in _escalated(tmp_path, reassign) if kind == "assigned"]
    assert assigned == [{"owner": owner, "team": team}]
