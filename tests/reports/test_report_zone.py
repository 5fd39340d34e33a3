"""The report counts days in the policy's home time zone, not in UTC."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli

RETAIL = Path(__file__).resolve().parents[2] / "policies" / "retail" / "supermarket.yaml"


def _imported(external_id: str, received_at: str) -> dict[str, object]:
    return {
        "channel": "old-desk",
        "external_id": external_id,
        "received_at": received_at,
        "customer": {"id": "C1"},
        "text": "面包发霉了",
        "history": {"status": "closed", "closed_at": received_at},
    }


@pytest.mark.parametrize(
    ("received_at", "shanghai_day"),
    [
        ("2026-10-08T07:00:00+08:00", "2026-10-08"),  # 23:00 UTC the day before
        ("2026-10-08T00:00:00+08:00", "2026-10-08"),  # Shanghai's midnight
        ("2026-10-07T23:59:59+08:00", "2026-10-07"),  # a second before it
        ("2026-10-07T16:30:00+00:00", "2026-10-08"),  # given in UTC, 00:30 in Shanghai
        ("1969-12-31T23:00:00+08:00", "1969-12-31"),  # before the epoch: days round down
        ("1969-12-31T00:00:00+08:00", "1969-12-31"),
        ("1950-06-01T12:00:00+08:00", "1950-06-01"),
    ],
)
def test_daily_counts_use_the_policy_zone(
    tmp_path: Path, received_at: str, shanghai_day: str
) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    source = tmp_path / "old.jsonl"
    source.write_text(json.dumps(_imported("T-1", received_at)) + "\n", encoding="utf-8")
    cli, runner = build_cli(), CliRunner()
    base = ["--db", url, "--policy", str(RETAIL)]
    taken = runner.invoke(cli, [*base, "intake", str(source)])
    assert taken.exit_code == 0, taken.output
    done = runner.invoke(cli, [*base, "report", "--json", "--html", str(tmp_path / "r.html")])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["daily"] == [{"key": "product", "days": {shanghai_day: 1}}]
    assert shanghai_day in (tmp_path / "r.html").read_text(encoding="utf-8")
