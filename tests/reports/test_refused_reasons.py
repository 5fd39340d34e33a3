"""Refused input is counted by why it was refused: the instants a reason quotes (the
complaint's date, the clock's now) are written ``…``, so rows refused for one cause are
one report row; ``dead-letters list`` still shows each letter with its instants."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "examples" / "cfpb" / "policy.yaml"

EXPORT = """ticket,opened,text,answered
F-1,2099-05-10 10:00,dated in the future,
F-2,2099-06-11 11:00,dated in the future too,
B-1,2020-03-10 10:00,answered before it was received,2020-03-09 10:00
B-2,2020-04-10 10:00,answered before it was received too,2020-04-01 08:30
"""
MAPPING = (
    "external_id: ticket\nreceived_at: opened\ntext: text\nhistory.first_response_at: answered\n"
)


def test_rows_refused_for_one_cause_at_other_instants_count_as_one_reason(
    tmp_path: Path,
) -> None:
    (tmp_path / "old.csv").write_text(EXPORT, encoding="utf-8")
    (tmp_path / "old.yaml").write_text(MAPPING, encoding="utf-8")
    runner, cli = CliRunner(), build_cli()
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(POLICY)]
    options = ["-o", f"columns={tmp_path / 'old.yaml'}", "-o", "timezone=America/New_York"]
    intake = [*base, "intake", str(tmp_path / "old.csv"), "--channel", "csv", *options]
    runner.invoke(cli, intake)  # every row is dead-lettered
    report = json.loads(runner.invoke(cli, [*base, "report", "--json"]).output)
    letters = report["dead_letters"]
    assert letters["total"] == 4
    assert sorted(letters["by_reason"].values()) == [2, 2]
    assert all("2099" not in reason and "2020" not in reason for reason in letters["by_reason"])
    listed = runner.invoke(cli, [*base, "dead-letters", "list"]).output
    assert "2099-05-10T10:00:00-04:00" in listed
