"""A batch incident's first and last cases are shown on the wall clock the report counts
its days on, to the second, as a manager reads the daily trend beside them.

The incidents table of a Shanghai store's report read ``2026-03-02T01:00:00.123456+00:00``
— UTC, with microseconds — beside days counted in Shanghai: an incident opened at 09:00
on the 2nd read as 01:00, and one opened at 07:30 read as the day before. The text, CSV and
HTML report and ``report --incident`` show them in the policy's zone; ``--json`` keeps
the instants whole.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.labels import label
from complaintkit.reports.table import render_csv, render_text

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"
#: 07:30:00.25 in Shanghai on 2 March, still 1 March in UTC
FIRST = datetime(2026, 3, 1, 23, 30, 0, 250_000, tzinfo=UTC)


def _desk(db: Path) -> Desk:
    clock = ManualClock(FIRST)
    desk = Desk(load_policy(RETAIL), storage=f"sqlite:///{db}", clock=clock)
    with desk.storage:
        for n in range(3):
            desk.intake(
                {
                    "channel": "web",
                    "external_id": f"w-{n}",
                    "customer": {"id": f"c-{n}"},
                    "received_at": clock.now().isoformat(),
                    "text": "面包发霉了",
                    "product": "bread-7",
                }
            )
            clock.advance(timedelta(minutes=30))
    return desk


def test_the_incident_table_reads_on_the_reports_wall_clock(tmp_path: Path) -> None:
    desk = _desk(tmp_path / "c.db")
    with desk.storage:
        report = build_report(
            open_source(desk.storage),
            incidents=desk.policy.incidents,
            zone=desk.zone,
            now=FIRST + timedelta(days=1),
        )
    assert report.batches
    rows = list(csv.reader(io.StringIO(render_csv(report), newline="")))
    batch = next(row for row in rows if row[0] == label("batches", "en") and row[1] != "Incident")
    assert batch[-2:] == ["2026-03-02T07:30:00+08:00", "2026-03-02T08:30:00+08:00"]
    assert "2026-03-02T07:30:00+08:00" in render_text(report)
    assert "2026-03-02T07:30:00+08:00" in render_html(report)
    assert report.to_json()["batches"][0]["first_at"].startswith("2026-03-01T23:30:00.25")


def test_the_incident_listing_reads_on_the_policys_wall_clock(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    _desk(db)
    base = ["--db", f"sqlite:///{db}", "--policy", str(RETAIL)]
    runner, cli = CliRunner(), build_cli()
    listed = json.loads(runner.invoke(cli, [*base, "report", "--json"]).output)["batches"]
    shown = runner.invoke(cli, [*base, "report", "--incident", listed[0]["id"]])
    assert shown.exit_code == 0, shown.output
    assert "2026-03-02T07:30:00+08:00 → 2026-03-02T08:30:00+08:00" in shown.output
    assert "+00:00" not in shown.output
