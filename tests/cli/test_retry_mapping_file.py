"""``dead-letters retry -o columns.NAME=…`` on letters read with a column mapping file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
CFPB = Path(__file__).parents[1] / "fixtures" / "cfpb_sample.csv"


def test_a_column_given_to_retry_replaces_that_column_of_the_mapping_file(
    tmp_path: Path,
) -> None:
    mapping = tmp_path / "cfpb.yaml"
    mapping.write_text(
        "external_id: Complaint ID\nreceived_at: Date received\n"
        "text: Consumer complaint narrative\nproduct: Product\n",
        encoding="utf-8",
    )
    with CFPB.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    blank = sum(not r["Consumer complaint narrative"].strip() for r in rows)
    assert 0 < blank < len(rows)
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    options = ["--channel", "csv", "-o", f"columns={mapping}", "-o", "timezone=America/New_York"]
    intake = CliRunner().invoke(CLI, ["--db", db, "intake", "--json", *options, str(CFPB)])
    assert intake.exit_code == 3
    assert json.loads(intake.stdout)["dead_lettered"] == blank
    fallback = ["-o", "columns.text=Consumer complaint narrative|Issue"]
    retried = CliRunner().invoke(
        CLI, ["--db", db, "dead-letters", "retry", "--all", "--json", *fallback]
    )
    outcomes = json.loads(retried.stdout)
    assert [o["outcome"] for o in outcomes] == ["taken"] * blank, outcomes[0]
    assert retried.exit_code == 0
    cases = CliRunner().invoke(CLI, ["--db", db, "cases", "list", "--json"])
    listed = json.loads(cases.stdout)
    assert len(listed) == len(rows)


def test_letters_read_with_a_relative_mapping_file_are_retried_from_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The letters kept 'columns=cfpb.yaml' as typed: retried from anywhere else, every one
    was refused as 'cannot read column mapping'."""
    imports, elsewhere = tmp_path / "imports", tmp_path / "elsewhere"
    imports.mkdir()
    elsewhere.mkdir()
    (imports / "cfpb.yaml").write_text(
        "external_id: Complaint ID\nreceived_at: Date received\n"
        "text: Consumer complaint narrative\n",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    monkeypatch.chdir(imports)
    options = ["--channel", "csv", "-o", "columns=cfpb.yaml", "-o", "timezone=America/New_York"]
    intake = CliRunner().invoke(CLI, ["--db", db, "intake", "--json", *options, str(CFPB)])
    assert intake.exit_code == 3
    monkeypatch.chdir(elsewhere)
    fallback = ["-o", "columns.text=Consumer complaint narrative|Issue"]
    retried = CliRunner().invoke(
        CLI, ["--db", db, "dead-letters", "retry", "--all", "--json", *fallback]
    )
    outcomes = json.loads(retried.stdout)
    assert {o["outcome"] for o in outcomes} == {"taken"}, outcomes[0]
