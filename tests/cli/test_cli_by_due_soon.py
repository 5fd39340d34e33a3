"""`cases list --by owner` alone counts a case due within 24 hours as due soon, as the
report's "Open and late by owner" does: a "due soon" column of zeros for a case due in
an hour would tell a manager nothing is pressing."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

POLICY = """
complaintkit: 1
name: soon
version: "1"
categories: {other: {label: Other}}
severities: {minor: {label: Minor}}
priorities: {normal: {label: Normal}}
teams: {desk: {label: Desk, default_owner: li.na}}
classification: {rules: [], default: {category: other, severity: minor, priority: normal}}
routing: {rules: [], default: {team: desk}}
calendars:
  office: {timezone: Asia/Shanghai, hours: 24x7}
sla:
  calendar: office
  targets:
    - first_response: {HOURS}h
"""


def by_owner(tmp_path: Path, hours: int, *extra: str) -> list[dict[str, object]]:
    policy = tmp_path / "soon.yaml"
    policy.write_text(POLICY.replace("{HOURS}", str(hours)), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    desk = Desk(load_policy(policy), storage=db)  # the system clock, as the CLI's
    desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": datetime.now(UTC).isoformat(),
            "customer": {"id": "c-1"},
            "text": "the parcel never came",
        }
    )
    desk.storage.close()
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    args = ["--db", db, "--policy", str(policy), "cases", "list", "--by", "owner", *extra]
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.output)
    return rows


def test_by_owner_alone_counts_a_case_due_within_a_day_as_due_soon(tmp_path: Path) -> None:
    (row,) = by_owner(tmp_path, 2)
    assert (row["open"], row["late"], row["due_soon"]) == (1, 0, 1)


def test_by_owner_alone_leaves_a_case_due_in_two_days_out(tmp_path: Path) -> None:
    (row,) = by_owner(tmp_path, 48)
    assert (row["open"], row["due_soon"]) == (1, 0)


def test_due_within_sets_the_window_of_due_soon(tmp_path: Path) -> None:
    (row,) = by_owner(tmp_path, 2, "--due-within", "1h")
    assert row["due_soon"] == 0
