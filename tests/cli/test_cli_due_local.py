"""`cases list --due-within` shows each deadline in the policy's zone, with its offset:
a bare "03-08 08:00" in UTC reads as local time to a desk in New York."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

POLICY = """
complaintkit: 1
name: ny
version: "1"
categories: {other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: li.na}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: desk}}
calendars:
  office: {timezone: America/New_York, hours: 24x7}
sla:
  calendar: office
  targets:
    - first_response: 30h
"""


def test_a_due_time_reads_in_the_policys_zone_with_its_offset(tmp_path: Path) -> None:
    policy = tmp_path / "ny.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(policy), storage=db)  # the system clock, as the CLI's
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": datetime.now(UTC).isoformat(),
            "customer": {"id": "c-1"},
            "text": "the parcel never came",
        }
    )
    desk.storage.close()
    due = case.clocks.metrics["first_response"].due_at
    assert due is not None
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    args = ["--db", db, "--policy", str(policy), "cases", "list", "--due-within", "2d"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    local = due.astimezone(ZoneInfo("America/New_York"))
    assert f"due {local:%m-%d %H:%M %z}" in result.output, result.output
    assert local.utcoffset() != timedelta(0)
