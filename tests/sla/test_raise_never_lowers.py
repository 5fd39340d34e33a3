"""``raise_priority`` and ``raise_severity`` raise: a level firing on a case already more
urgent (or more severe) than the level's value leaves it as it is. The vocabulary lists
the most urgent priority and the most severe severity first (docs/policies.md)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import check_policy, load_policy

Z = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2026, 3, 2, 9, 0, tzinfo=Z)  # a Monday
RANKS = ("urgent", "high", "normal")  # most urgent first, as the policy lists them
POLICY = """\
complaintkit: 1
name: raise-never-lowers
version: "1"
categories: {product: {label: 产品}}
severities: {urgent: {label: 严重}, high: {label: 较重}, normal: {label: 一般}}
priorities: {urgent: {label: 紧急}, high: {label: 较急}, normal: {label: 一般}}
teams: {care: {label: 客服组, default_owner: 李娜}}
classification:
  rules:
    - {id: u, when: {keywords: [甲]}, then: {category: product, severity: urgent, priority: urgent}}
    - {id: h, when: {keywords: [乙]}, then: {category: product, severity: high, priority: high}}
  default: {category: product, severity: normal, priority: normal}
routing: {rules: [], default: {team: care}}
calendars:
  office: {timezone: Asia/Shanghai, hours: 24x7}
sla:
  calendar: office
  warnings: []
  targets:
    - {resolution: 10h}
escalation:
  ladders:
    - name: standard
      levels:
        - name: raise
          trigger: {sla: resolution, elapsed: 0.5}
          actions: [{raise_priority: PRIORITY}, {raise_severity: PRIORITY}, {add_tags: [raised]}]
"""
WORD = {"urgent": "甲", "high": "乙", "normal": "丙"}


@pytest.mark.parametrize("level_value", RANKS[:-1])  # a raise to the last is an error
@pytest.mark.parametrize("initial", RANKS)
def test_a_level_raises_a_case_never_lowers_it(
    tmp_path: Path, initial: str, level_value: str
) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY.replace("PRIORITY", level_value), encoding="utf-8")
    clock = ManualClock(RECEIVED)
    desk = Desk(load_policy(path), storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "received_at": RECEIVED.isoformat(),
            "customer": {"id": "c-1", "name": "王女士"},
            "text": f"{WORD[initial]}的商品坏了",
        }
    )
    assert (case.priority, case.severity) == (initial, initial)
    clock.set(RECEIVED + timedelta(hours=6))
    assert not desk.tick().failed
    case = desk.get(case.id)
    higher = min(initial, level_value, key=RANKS.index)
    assert (case.priority, case.severity) == (higher, higher)
    assert "raised" in case.tags  # the level fired: its other actions ran
    assert [e.data["level"] for e in desk.history(case.id) if e.kind == "escalated"] == ["raise"]


def test_a_raise_to_the_id_listed_last_is_an_error_naming_the_order(tmp_path: Path) -> None:
    """With the list upside down (``normal`` before ``urgent``) ``raise_priority: urgent``
    would raise no case: validate says so rather than let the level do nothing."""
    path = tmp_path / "policy.yaml"
    text = POLICY.replace("PRIORITY", "urgent").replace(
        "priorities: {urgent: {label: 紧急}, high: {label: 较急}, normal: {label: 一般}}",
        "priorities: {normal: {label: 一般}, high: {label: 较急}, urgent: {label: 紧急}}",
    )
    path.write_text(text, encoding="utf-8")
    found = [p for p in check_policy(path) if p.code == "raise-to-last"]
    assert [p.location.path for p in found] == [
        "escalation.ladders[0].levels[0].actions[0].raise_priority"
    ]
    assert "urgent, high, normal" in found[0].hint
