"""One case record for every condition: SLA targets, gates and compensation read the same
facts under the same names (complaint attributes, facts agents set, custom event counts)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import StepsMissing
from complaintkit.policy.compiled import load_policy

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)

POLICY = """
complaintkit: 1
name: one-record
version: "1"
categories: {service: {label: 服务}}
severities: {major: {label: 重要}}
priorities: {normal: {label: 一般}}
teams: {desk: {label: 客服中心, default_owner: chen.jing}}
classification:
  - hit_policy: first
    rules: []
    default: {category: service, severity: major, priority: normal}
routing:
  rules: []
  default: {team: desk, owner: chen.jing}
sla:
  targets:
    - when: {field: vip, ==: true}          # a complaint attribute, as compensation reads it
      first_response: 1h
    - first_response: 24h
gates:
  - id: second-opinion-before-close
    to: [resolved]
    when: {not: {field: case.events.second_opinion, exists: true}}   # no such event yet
    require: [root_cause]
"""


@pytest.fixture(name="desk")
def desk_fixture(tmp_path: Path) -> Desk:
    path = tmp_path / "policy.yaml"
    path.write_text(POLICY, encoding="utf-8")
    return Desk(load_policy(path), storage="memory:", clock=ManualClock(T0))


def complaint(n: int, **attributes: object) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": f"r-{n}",
        "received_at": T0.isoformat(),
        "customer": {"id": f"c-{n}"},
        "text": "服务太差",
        "attributes": attributes,
    }


def test_an_sla_target_reads_a_complaint_attribute(desk: Desk) -> None:
    vip = desk.intake(complaint(1, vip=True))
    plain = desk.intake(complaint(2))
    assert vip.clocks.metrics["first_response"].due_at == T0 + timedelta(hours=1)
    assert plain.clocks.metrics["first_response"].due_at == T0 + timedelta(hours=24)


def test_a_gate_reads_a_custom_event_count(desk: Desk) -> None:
    first = desk.intake(complaint(3))
    desk.respond(first.id, "我们来核实", actor="chen.jing")
    with pytest.raises(StepsMissing):
        desk.resolve(first.id, "已处理", actor="chen.jing")
    desk.record_event(first.id, "second_opinion", actor="qa.zhou")
    assert desk.resolve(first.id, "已处理", actor="chen.jing").status.value == "resolved"
