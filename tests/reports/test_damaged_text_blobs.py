"""A root cause's or a remedy's text edited into a blob in SQLite no longer ends the report.

Besides the dimensions (``test_damaged_dimension_blob``), a blob in ``case_facts.fishbone``,
``nature`` or ``root_why``, or in ``case_remedies.remedy``, ``currency`` or ``status``, ended
every output of ``complaintkit report`` in ``TypeError`` (``bytes`` sorted beside text, or
matched by a text pattern). Such a value now reads as none — a blank root cause field, an
``unknown`` remedy or status, a remedy in no currency (no money counted) — and its row is
named on stderr, found only when a figure meets one (a sound store pays no query for it).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from edited_store import played
from reports_day import local_plugins

from complaintkit.cli import build_cli

#: (table, column, the case's key column): A has a root cause and an accepted refund.
EDITS = [
    ("case_facts", "fishbone", "id"),
    ("case_facts", "nature", "id"),
    ("case_facts", "root_why", "id"),
    ("case_remedies", "remedy", "case_id"),
    ("case_remedies", "currency", "case_id"),
    ("case_remedies", "status", "case_id"),
]


@pytest.mark.parametrize(("table", "column", "key"), EDITS)
def test_a_blob_in_a_root_cause_or_remedy_is_named_and_read_as_none(
    table: str, column: str, key: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url, ids = played("sqlite", request, tmp_path)
    db = tmp_path / "cases.db"
    with sqlite3.connect(db) as connection:
        edit = f"UPDATE {table} SET {column} = X'00ff' WHERE {key} = ?"
        assert connection.execute(edit, (ids["A"],)).rowcount >= 1
    cli, runner = build_cli(local_plugins()), CliRunner()
    for output in ([], ["--csv"], ["--html", str(tmp_path / "r.html")], ["--lang", "zh"]):
        result = runner.invoke(cli, ["--db", url, "report", *output])
        assert result.exit_code == 0, (output, result.output)
        assert f"case {ids['A']}: {table}.{column} holds" in result.stderr
    data = json.loads(runner.invoke(cli, ["--db", url, "report", "--json"]).stdout)
    assert data["total"] == 4
    assert sum(root["count"] for root in data["root_causes"]) == 3
    assert sum(row["count"] for row in data["compensation"]) == 7  # A 3, B 3, D 1
