"""``cases list`` on PostgreSQL over events whose case row is gone (its foreign key dropped,
the row deleted): the other cases were listed, exit 0, the orphaned history unseen. It is
named on stderr (how many, the ids, what to run), exit 1, as on SQLite."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from pg_tampered import taken_in, tampering

from complaintkit.cli import build_cli
from complaintkit.desk import Desk

pytestmark = pytest.mark.postgres


def test_orphaned_events_on_postgres_are_named_by_cases_list(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        kept, victim = taken_in(Desk(storage=storage), 2)
        with tampering(storage) as conn:
            conn.execute("ALTER TABLE events DROP CONSTRAINT events_case_id_fkey")
            conn.execute("DELETE FROM intake_keys WHERE case_id = %s", (victim,))
            conn.execute("DELETE FROM cases WHERE id = %s", (victim,))
    result = CliRunner().invoke(build_cli(), ["--db", postgres_url, "cases", "list"])
    assert result.exit_code == 1, result.output
    assert kept in result.stdout
    said = " ".join(result.stderr.split())
    assert "1 case " in said
    assert victim in said
    assert "complaintkit audit verify" in said


def test_rows_without_events_on_postgres_are_named_by_cases_list(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        kept, emptied = taken_in(Desk(storage=storage), 2)
        with tampering(storage) as conn:
            conn.execute("DELETE FROM events WHERE case_id = %s", (emptied,))
    result = CliRunner().invoke(build_cli(), ["--db", postgres_url, "cases", "list"])
    assert result.exit_code == 1, result.output
    assert kept in result.stdout
    said = " ".join(result.stderr.split())
    assert f"1 case has a case row but no events (deleted or lost): {emptied}" in said
