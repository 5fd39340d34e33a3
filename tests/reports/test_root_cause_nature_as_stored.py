"""A root cause whose nature is none the report translates no longer ends the report.

The text table, the CSV and the HTML look a nature up among the two they label
(``systemic``, ``incidental``): one stored otherwise — a body edited outside complaintkit or
its ``case_facts`` row, which ``Case.from_stored`` reads without checking — ended
``complaintkit report`` (the default text output) in ``KeyError``; a nature or final 'why'
edited to NULL ended it too (``'<' not supported between 'NoneType' and 'str'``, ``'NoneType'
object has no attribute 'replace'``), on SQLite and PostgreSQL alike. A nature the report
does not know is shown as written, and a missing one, or a missing 'why', as blank.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from complaintkit_postgres.url import parse_url
from reports_day import T0, GradingPolicy, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager

EDITS = [
    ("sqlite", "nature", "'recurring'"),
    ("sqlite", "nature", "NULL"),
    ("sqlite", "root_why", "NULL"),
    pytest.param("postgres", "nature", "'recurring'", marks=pytest.mark.postgres),
    pytest.param("postgres", "nature", "NULL", marks=pytest.mark.postgres),
    pytest.param("postgres", "root_why", "NULL", marks=pytest.mark.postgres),
]


def _installed() -> Plugins:
    return Plugins(plugin_manager(load_entrypoints=True))


def _edit(url: str, case_id: str, column: str, value: str) -> None:
    edit = f"UPDATE case_facts SET {column} = {value} WHERE id = '{case_id}'"
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            assert db.execute(edit).rowcount == 1
        return
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        assert conn.execute(edit).rowcount == 1


@pytest.mark.parametrize(("backend", "column", "value"), EDITS)
def test_a_root_cause_as_stored_is_shown_in_every_format(
    backend: str,
    column: str,
    value: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'cases.db'}"
        if backend == "sqlite"
        else str(request.getfixturevalue("postgres_url"))
    )
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=_installed())
    try:
        ids = play_day(desk, clock)  # A and C: product, systemic, 'bad seal'
    finally:
        desk.storage.close()
    _edit(url, ids["A"], column, value)
    cli, runner = build_cli(_installed()), CliRunner()
    for output in ([], ["--csv"], ["--html", str(tmp_path / "r.html")], ["--lang", "zh"]):
        result = runner.invoke(cli, ["--db", url, "report", *output])
        assert result.exit_code == 0, (output, result.output)
    data = json.loads(runner.invoke(cli, ["--db", url, "report", "--json"]).stdout)
    assert sum(root["count"] for root in data["root_causes"]) == 3
    text = runner.invoke(cli, ["--db", url, "report"]).stdout
    if value == "'recurring'":
        assert "recurring" in text
        assert data["natures"] == {"incidental": 1, "recurring": 1, "systemic": 1}
