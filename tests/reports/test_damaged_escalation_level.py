"""An escalation level edited outside complaintkit into what no level is no longer ends the
report: text or a blob in SQLite's ``case_facts.escalation_level`` ended ``complaintkit
report`` in ``ValueError: invalid literal for int()``. Every backend now counts such a case
as never escalated, in SQL, and names the row on stderr, as it names a row holding no
instant; a negative level (which PostgreSQL's integer column can hold) is named alike."""

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
    ("sqlite", "'high'"),
    ("sqlite", "X'00ff'"),
    ("sqlite", "1.5"),
    pytest.param("postgres", "-3", marks=pytest.mark.postgres),
]


def _installed() -> Plugins:
    return Plugins(plugin_manager(load_entrypoints=True))


def _edit(url: str, case_id: str, level: str) -> None:
    edit = f"UPDATE case_facts SET escalation_level = {level} WHERE id = '{case_id}'"
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            assert db.execute(edit).rowcount == 1
        return
    where = parse_url(url)
    with psycopg.connect(where.conninfo, options=where.server_options) as conn:
        assert conn.execute(edit).rowcount == 1


@pytest.mark.parametrize(("backend", "level"), EDITS)
def test_a_level_that_is_no_level_is_named_and_counted_as_never_escalated(
    backend: str, level: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = (
        f"sqlite:///{tmp_path / 'cases.db'}"
        if backend == "sqlite"
        else str(request.getfixturevalue("postgres_url"))
    )
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=url, clock=clock, plugins=_installed())
    try:
        ids = play_day(desk, clock)  # B escalated to level 2, C to level 1
    finally:
        desk.storage.close()
    _edit(url, ids["B"], level)
    result = CliRunner().invoke(build_cli(_installed()), ["--db", url, "report", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 4
    assert data["escalation"] == [{"level": 1, "cases": 1, "reached": 1, "rate": 0.25}]
    assert f"case {ids['B']}: case_facts.escalation_level holds" in result.stderr
    assert "not an escalation level; counted as never escalated" in result.stderr
