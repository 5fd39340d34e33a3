"""A policy with targets in plain hours and no calendar of its own counts on the built-in
24x7, which keeps UTC. ``explain``, ``cases explain`` and ``cases list`` still show a case's
instants in the offset its complaint was received in, as its letters do; ``--json`` keeps
the calendar's ``timezone`` and names the zone instants are shown in (``shown_in``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

BASE = Path(__file__).parents[2] / "docs" / "policy" / "base.yaml"
POLICY = f"""
complaintkit: 1
extends: {BASE}
sla:
  targets:
    - first_response: 24 hours
      resolution: 72 hours
escalation:
  ladders:
    - name: standard
      levels:
        - name: remind
          trigger: {{sla: resolution, elapsed: 0.5}}
          actions: [{{add_tags: [reminded]}}]
"""


def run(*args: str) -> Result:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    return CliRunner().invoke(cli, list(args))


def _received() -> datetime:
    """Now, in +08:00, to the second: the CLI reads the system clock."""
    now = datetime.now(UTC).replace(microsecond=0)
    return now.astimezone(datetime.fromisoformat("2026-12-01T09:00:00+08:00").tzinfo)


def test_explain_shows_instants_in_the_received_offset(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    complaint = tmp_path / "c.json"
    received = "2026-12-01T09:00:00+08:00"
    complaint.write_text(
        json.dumps({"received_at": received, "customer": {"id": "c1"}, "text": "late"}), "utf-8"
    )
    result = run("explain", str(policy), str(complaint))
    assert result.exit_code == 0, result.output
    assert "started 2026-12-01T09:00:00+08:00" in result.output, result.output
    assert "due 2026-12-02T09:00:00+08:00" in result.output, result.output
    assert "fires 2026-12-02T21:00:00+08:00" in result.output, result.output
    assert "+00:00" not in result.output, result.output


def test_cases_explain_and_list_show_instants_in_the_received_offset(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    received = _received()
    desk = Desk(load_policy(policy), storage=db)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": received.isoformat(),
            "customer": {"id": "c-1"},
            "text": "the parcel never came",
        }
    )
    desk.storage.close()
    due = received + timedelta(hours=24)
    shown = run("--db", db, "--policy", str(policy), "cases", "explain", case.id)
    assert shown.exit_code == 0, shown.output
    assert f"due {due.isoformat()}" in shown.output, shown.output
    assert "+00:00" not in shown.output, shown.output
    listed = run("--db", db, "--policy", str(policy), "cases", "list", "--due-within", "2d")
    assert listed.exit_code == 0, listed.output
    assert f"due {due:%m-%d %H:%M} +0800" in listed.output, listed.output
    as_json = run("--db", db, "--policy", str(policy), "cases", "explain", case.id, "--json")
    metric = json.loads(as_json.output)["metrics"][0]
    assert metric["timezone"] == "UTC"  # the days the built-in 24x7 counts
    assert metric["shown_in"] == "UTC+08:00"
