"""A category, channel, severity or product edited outside complaintkit into a blob (bytes
written through a driver, ``X'…'`` in the sqlite3 shell) no longer ends the report.

SQLite lets a TEXT column hold a blob, which Python reads as ``bytes``: sorting it beside
the text values ended ``complaintkit report`` in ``TypeError: '<' not supported between
instances of 'bytes' and 'str'`` (a product: ``cannot use a string pattern on a bytes-like
object``). The report now counts such a case as naming no value, in the ``(none)`` row, and
names the row on stderr, as it names a row holding no instant.
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


@pytest.mark.parametrize("dimension", ["category", "channel", "severity", "product"])
def test_a_blob_in_a_text_column_is_named_and_counted_as_no_value(
    dimension: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url, ids = played("sqlite", request, tmp_path)
    db = tmp_path / "cases.db"
    with sqlite3.connect(db) as connection:
        edit = f"UPDATE case_facts SET {dimension} = X'00ff' WHERE id = ?"
        assert connection.execute(edit, (ids["A"],)).rowcount == 1
    cli = build_cli(local_plugins())
    result = CliRunner().invoke(cli, ["--db", url, "report", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 4
    rows = {row["key"]: row["count"] for row in data["breakdowns"][dimension]}
    assert rows[None] == 1 + (dimension == "product")  # D names no product
    assert sum(rows.values()) == 4
    assert sum(n for d in data["daily"] for n in d["days"].values()) == 4
    assert f"case {ids['A']}: case_facts.{dimension} holds" in result.stderr
    assert "not text; counted as naming none" in result.stderr
