"""``complaintkit report`` prints text, JSON and CSV and writes the HTML file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from reports_day import T0, GradingPolicy, local_plugins, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk


def test_report_command_outputs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=local_plugins())
    play_day(desk, clock)
    desk.storage.close()
    cli, runner = build_cli(local_plugins()), CliRunner()
    text = runner.invoke(cli, ["--db", url, "report", "--html", str(tmp_path / "r.html")])
    assert text.exit_code == 0, text.output
    assert "Time to first response" in text.output
    assert "r.html" in text.output
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    data = json.loads(
        runner.invoke(cli, ["--db", url, "report", "--json", "--channel", "web"]).output
    )
    assert data["total"] == 2
    csv = runner.invoke(cli, ["--db", url, "report", "--csv", "--lang", "zh"]).output
    assert csv.startswith("\ufeff投诉分析报告,")  # the byte order mark Excel reads
    bad = runner.invoke(cli, ["--db", url, "report", "--since", "yesterday"])
    assert bad.exit_code != 0
    assert "ISO 8601" in bad.output


def test_a_window_that_ends_before_it_starts_names_both_instants_in_iso(tmp_path: Path) -> None:
    """The refusal printed the end as Python writes a datetime (with a space, no T)."""
    db = f"sqlite:///{tmp_path / 'r.db'}"
    Desk(storage=db).storage.close()
    since, until = "2026-11-24T00:00:00+08:00", "2026-11-23T00:00:00+08:00"
    cli = build_cli(local_plugins())
    result = CliRunner().invoke(cli, ["--db", db, "report", "--since", since, "--until", until])
    assert result.exit_code == 2, result.output  # a bad value of --until: a usage error
    assert since in result.output
    assert until in result.output
