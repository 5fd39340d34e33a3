"""``cases show`` and ``replay`` show a case's instants where its people read them: in the
policy's (the case's calendar's) zone with the offset written, whatever offset the clock
that stored them kept. A store written by the system clock holds UTC; a desk in Shanghai
reads 09:00 +08:00, never 01:00. ``--json`` keeps the instants as stored."""

from __future__ import annotations

import json
import re
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_cli_show_level_due import POLICY, RECEIVED

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.policy.compiled import load_policy

#: An instant as the history prints it: a date, a time and an offset.
INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?([+-]\d\d:\d\d)")


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, str, str]:
    """A policy on a Shanghai calendar, and a store written by a clock keeping UTC: a case
    received 09:00 +08:00, escalated by a tick at 14:00 +08:00."""
    policy = tmp_path / "policy.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(RECEIVED.astimezone(UTC))
    desk = Desk(load_policy(policy), storage=db, clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": RECEIVED.astimezone(UTC).isoformat(),
            "customer": {"id": "c-1"},
            "text": "客服一直不回复",
        }
    )
    clock.set(RECEIVED.astimezone(UTC) + timedelta(hours=5))
    assert not desk.tick().failed
    desk.storage.close()
    return policy, db, case.id


def _run(policy: Path, db: str, *args: str) -> str:
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    result = CliRunner().invoke(cli, ["--db", db, "--policy", str(policy), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_cases_show_writes_every_instant_in_the_calendar_zone(
    stored: tuple[Path, str, str],
) -> None:
    policy, db, case_id = stored
    out = _run(policy, db, "cases", "show", case_id)
    assert "at 2026-03-02T09:00:00+08:00" in out, out  # received
    assert re.search(r"\s1 2026-03-02T09:00:00\+08:00 system\s+opened", out), out
    assert {m.group(1) for m in INSTANT.finditer(out)} == {"+08:00"}, out


def test_replay_writes_its_timelines_and_horizon_in_the_policy_zone(
    stored: tuple[Path, str, str],
) -> None:
    policy, db, case_id = stored
    out = _run(policy, db, "replay", str(policy), "--case", case_id)
    assert "up to 2026-03-02T14:00:00+08:00" in out, out
    assert "2026-03-02T09:00:00+08:00  opened" in out, out
    assert {m.group(1) for m in INSTANT.finditer(out)} == {"+08:00"}, out


def test_replay_json_keeps_the_instants_as_stored(stored: tuple[Path, str, str]) -> None:
    policy, db, case_id = stored
    data = json.loads(_run(policy, db, "replay", str(policy), "--case", case_id, "--json"))
    opened = data["case"]["current"]["events"][0]
    assert opened["at"] == "2026-03-02T01:00:00+00:00"
