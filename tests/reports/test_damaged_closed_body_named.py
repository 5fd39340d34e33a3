"""A damaged case body the report reads from — a closed case's, whose body open work
never reads — is named as an open case's is: one edited to broken JSON was left out of
the tag and owner groups and counted as not imported without a word, so a figure was
short by a case no warning spoke of."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from reports_day import T0, GradingPolicy, local_plugins, play_day

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk


@pytest.fixture(name="damaged_closed")
def damaged_closed_fixture(tmp_path: Path) -> tuple[str, str]:
    """A day of cases in SQLite, a case no longer open with its body broken."""
    db = tmp_path / "cases.db"
    clock = ManualClock(T0)
    desk = Desk(GradingPolicy(), storage=f"sqlite:///{db}", clock=clock, plugins=local_plugins())
    try:
        play_day(desk, clock)
    finally:
        desk.storage.close()
    with closing(sqlite3.connect(db)) as connection, connection:
        (case_id,) = connection.execute("SELECT min(id) FROM cases WHERE is_open = 0").fetchone()
        connection.execute("UPDATE cases SET body = '[1, 2]' WHERE id = ?", (case_id,))
    return f"sqlite:///{db}", str(case_id)


@pytest.mark.parametrize("by", [(), ("--by", "tag"), ("--by", "owner")])
def test_a_closed_cases_broken_body_is_named(
    damaged_closed: tuple[str, str], by: tuple[str, ...]
) -> None:
    url, case_id = damaged_closed
    result = CliRunner().invoke(build_cli(local_plugins()), ["--db", url, "report", *by])
    assert result.exit_code == 0, result.output
    assert f"case {case_id}: cases.body holds '[1, 2]'" in result.stderr


def test_a_case_outside_the_range_is_not_named(damaged_closed: tuple[str, str]) -> None:
    url, case_id = damaged_closed
    args = ["--db", url, "report", "--since", "2030-01-01T00:00:00+00:00"]
    result = CliRunner().invoke(build_cli(local_plugins()), args)
    assert result.exit_code == 0, result.output
    assert case_id not in result.stderr


@pytest.fixture(name="damaged_closed_pg")
def damaged_closed_pg_fixture(postgres_url: str) -> tuple[str, str]:
    """The same day in PostgreSQL, a closed case's body made an array (jsonb holds only
    JSON, so the damage there is of shape)."""
    clock = ManualClock(T0)
    with PostgresStorage(postgres_url) as storage:
        play_day(
            Desk(GradingPolicy(), storage=storage, clock=clock, plugins=local_plugins()), clock
        )
        options = storage.options
    with psycopg.connect(options.conninfo, options=options.server_options, autocommit=True) as conn:
        row = conn.execute("SELECT min(id) FROM cases WHERE NOT is_open").fetchone()
        assert row is not None
        conn.execute("UPDATE cases SET body = '[1, 2]' WHERE id = %s", (row[0],))
    return postgres_url, str(row[0])


@pytest.mark.postgres
@pytest.mark.parametrize("by", [(), ("--by", "tag"), ("--by", "owner")])
def test_a_closed_cases_broken_body_is_named_on_postgres(
    damaged_closed_pg: tuple[str, str], by: tuple[str, ...]
) -> None:
    """PostgreSQL left it out of the tag and owner groups without a word, as SQLite did."""
    url, case_id = damaged_closed_pg
    result = CliRunner().invoke(build_cli(), ["--db", url, "report", *by])
    assert result.exit_code == 0, result.output
    assert f"case {case_id}: cases.body holds '[1, 2]'" in result.stderr
