"""A SQLite case row whose body is no case no longer ends the whole report.

One open case's ``cases.body`` edited outside complaintkit to broken JSON (``{``) ended
``complaintkit report`` with ``Error: a stored case is damaged: not valid JSON …``, naming
no case, and a report grouped by tag or attribute stopped on SQLite's ``malformed JSON``:
every figure was lost for one row, while ``replay`` names such a case and goes on. The
report now names it on stderr (``Report.unreadable``), leaves it out of what is read from
case bodies (open work, owner, team, tag and attribute groups, imported) and counts it in
every figure kept in the report-facts tables.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from reports_day import T0, GradingPolicy, local_plugins, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk


@pytest.fixture(name="damaged")
def damaged_fixture(tmp_path: Path) -> tuple[str, str, int]:
    """A day of cases in SQLite, an open one's body broken: the URL, its id, the total."""
    db = tmp_path / "cases.db"
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=f"sqlite:///{db}", clock=clock, plugins=local_plugins())
    try:
        ids = play_day(desk, clock)
    finally:
        desk.storage.close()
    with closing(sqlite3.connect(db)) as connection, connection:
        (case_id,) = connection.execute("SELECT min(id) FROM cases WHERE is_open = 1").fetchone()
        connection.execute("UPDATE cases SET body = '{' WHERE id = ?", (case_id,))
    return f"sqlite:///{db}", str(case_id), len(ids)


@pytest.mark.parametrize("by", [(), ("--by", "tag"), ("--by", "owner"), ("--by", "attribute.x")])
def test_a_broken_case_body_is_named_and_the_report_goes_on(
    damaged: tuple[str, str, int], by: tuple[str, ...]
) -> None:
    url, case_id, total = damaged
    cli = build_cli(local_plugins())
    result = CliRunner().invoke(cli, ["--db", url, "report", "--json", *by])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == total
    assert f"case {case_id}: cases.body holds '{{'" in result.stderr
    assert case_id not in json.dumps(data["late"])
