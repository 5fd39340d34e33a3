"""US exports write dates as MM/DD/YYYY (older CFPB exports did): with only ISO 8601 read,
every row of such a file was a dead letter saying ``'11/23/2026' is not a date``, and no
option could make ``dead-letters retry`` take them in. ``-o date_format=%m/%d/%Y`` names
the format (``strptime``'s); ``03/04/2026`` is never guessed either way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.cli import build_cli
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager

COLUMNS = {"external_id": "id", "received_at": "date", "text": "text"}
CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "old.csv"
    path.write_text("id,date,text\n1,11/23/2026,late\n2,03/04/2026 14:30,broken\n", "utf-8")
    return path


def test_a_named_date_format_reads_us_dates_in_the_zone(tmp_path: Path) -> None:
    channel = CsvChannel(COLUMNS, timezone="America/New_York", date_format="%m/%d/%Y")
    first, second = channel.read(str(_write(tmp_path)))
    assert isinstance(first, Complaint)
    assert first.received_at.isoformat() == "2026-11-23T00:00:00-05:00"
    assert isinstance(second, Rejected)  # a time the format does not name
    assert "date_format" in second.reason


def test_without_a_format_the_reason_says_how_to_name_one(tmp_path: Path) -> None:
    first, _ = CsvChannel(COLUMNS).read(str(_write(tmp_path)))
    assert isinstance(first, Rejected)
    assert "-o date_format=" in first.reason


def test_a_format_without_a_year_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError):
        CsvChannel(COLUMNS, date_format="%m/%d")


def test_retry_with_the_format_takes_the_rows_in_once(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    source = str(_write(tmp_path))
    mapping = ["-o", "columns.external_id=id", "-o", "columns.received_at=date"]
    mapping += ["-o", "columns.text=text"]
    runner = CliRunner()
    result = runner.invoke(CLI, ["--db", db, "intake", "--channel", "csv", *mapping, source])
    assert result.exit_code == 3, result.output
    fmt = ["-o", "date_format=%m/%d/%Y %H:%M"]
    result = runner.invoke(CLI, ["--db", db, "dead-letters", "retry", "--all", *fmt])
    assert result.exit_code == 3, result.output  # row 1 has no time: refused again
    fmt = ["-o", "date_format=%m/%d/%Y"]
    result = runner.invoke(CLI, ["--db", db, "dead-letters", "retry", "--all", *fmt])
    assert result.exit_code == 0, result.output
    result = runner.invoke(CLI, ["--db", db, "dead-letters", "list"])
    assert "no dead letters" in result.output
    result = runner.invoke(CLI, ["--db", db, "cases", "list", "--json"])
    cases = json.loads(result.output)
    assert sorted(c["complaints"][0]["external_id"] for c in cases) == ["1", "2"]
