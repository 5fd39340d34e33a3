"""A CSV read without ``-o timezone`` reads its dates in the policy's home zone, where the
report counts days: a complaint dated 2020-03-31 is a March complaint in the report."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli import build_cli

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "examples" / "cfpb" / "policy.yaml"  # home zone America/New_York


def test_dates_without_a_zone_option_are_days_of_the_policys_home_zone(tmp_path: Path) -> None:
    (tmp_path / "rows.csv").write_text(
        "id,date,text\nA,2020-03-31,charged twice\nB,2020-04-01,charged again\n",
        encoding="utf-8",
    )
    runner, cli = CliRunner(), build_cli()
    base = ["--db", f"sqlite:///{tmp_path / 'c.db'}", "--policy", str(POLICY)]
    columns = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
    columns += ["-o", "columns.text=text"]
    taken = runner.invoke(
        cli, [*base, "intake", str(tmp_path / "rows.csv"), "--channel", "csv", *columns]
    )
    assert taken.exit_code == 0, taken.output
    march = ["--since", "2020-03-01T00:00:00-05:00", "--until", "2020-04-01T00:00:00-04:00"]
    report = json.loads(runner.invoke(cli, [*base, "report", "--json", *march]).output)
    assert report["total"] == 1
    assert report["daily"] == [{"key": "other", "days": {"2020-03-31": 1}}]
