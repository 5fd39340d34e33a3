"""A case at an escalation level far past any ladder no longer makes the report list every
level below it.

The escalation table had a row for each level from 1 to the highest a case reached, so one
``case_facts.escalation_level`` edited to 2147483647 (PostgreSQL's largest integer) made a
report build two billion rows and run the machine out of memory (23 GB, killed). Every level
up to 100 is still listed; past that only the levels some case holds, with the same counts.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from reports_day import T0, GradingPolicy, local_plugins, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk

FAR = 1_000_000  # far enough to see every level listed, near enough to run before the fix


def test_a_level_far_up_is_one_row_not_every_level_below_it(tmp_path: Path) -> None:
    db = tmp_path / "cases.db"
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=f"sqlite:///{db}", clock=clock, plugins=local_plugins())
    try:
        ids = play_day(desk, clock)  # B at level 2, C at level 1
    finally:
        desk.storage.close()
    with sqlite3.connect(db) as connection:
        edit = "UPDATE case_facts SET escalation_level = ? WHERE id = ?"
        assert connection.execute(edit, (FAR, ids["B"])).rowcount == 1
    cli = build_cli(local_plugins())
    result = CliRunner().invoke(cli, ["--db", f"sqlite:///{db}", "report", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["escalation"]
    assert len(rows) == 101
    assert rows[0] == {"level": 1, "cases": 1, "reached": 2, "rate": 0.5}
    assert rows[99] == {"level": 100, "cases": 0, "reached": 1, "rate": 0.25}
    assert rows[100] == {"level": FAR, "cases": 1, "reached": 1, "rate": 0.25}
