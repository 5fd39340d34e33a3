"""`cases show` says when each escalation level fell due, not only when a sweep noticed
it: after a late tick (or a complaint taken in late) the history's time is the sweep's,
and the level's own instant (``due_at``) is what a reader checks against the SOP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

Z = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2026, 3, 2, 9, 0, tzinfo=Z)  # a Monday
POLICY = """
complaintkit: 1
name: late-sweep
version: "1"
categories: {other: {label: 其他}}
severities: {minor: {label: 一般}}
priorities: {urgent: {label: 紧急}, normal: {label: 一般}}
teams: {desk: {label: 客服组, default_owner: 李娜}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: desk}}
calendars:
  office: {timezone: Asia/Shanghai, hours: {mon-fri: ["09:00-18:00"]}}
sla:
  calendar: office
  warnings: []
  targets:
    - resolution: 8 business hours
escalation:
  ladders:
    - name: 标准
      levels:
        - name: half
          trigger: {sla: resolution, elapsed: 0.5}
          actions: [{reassign: {owner: 王芳}}]
        - name: overdue
          trigger: {sla: resolution, elapsed: 1.0}
          when: {field: case.priority, ==: urgent}
          actions: [{add_tags: [overdue]}]
"""


def test_cases_show_names_the_instant_each_level_fell_due(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(RECEIVED)
    desk = Desk(load_policy(policy), storage=db, clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": RECEIVED.astimezone(UTC).isoformat(),  # shown in the policy's zone
            "customer": {"id": "c-1", "name": "王女士"},
            "text": "客服一直不回复",
        }
    )
    clock.set(RECEIVED + timedelta(days=3))  # Thursday: one late sweep
    assert not desk.tick().failed
    desk.storage.close()
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    args = ["--db", db, "--policy", str(policy), "cases", "show", case.id]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    lines = {line.split()[3]: line for line in result.output.splitlines() if "escalat" in line}
    # half of 8 business hours: Monday 13:00; all of them: Monday 17:00 (then skipped)
    assert "fell due 2026-03-02T13:00:00+08:00" in lines["escalated"], result.output
    assert "2026-03-02T17:00:00+08:00" in lines["escalation_skipped"], result.output
