"""``cases show`` on PostgreSQL of a case whose events were all deleted by hand, its row
kept: it said "no case", as if the id were mistyped. The row is shown and the lost history
named, exit 1, as on SQLite."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from pg_tampered import noted_case, tampering

from complaintkit.cli import build_cli
from complaintkit.desk import Desk

pytestmark = pytest.mark.postgres


def test_a_row_without_events_is_named_on_postgres(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        case_id = noted_case(Desk(storage=storage), "called back")
        with tampering(storage) as conn:
            conn.execute("DELETE FROM events WHERE case_id = %s", (case_id,))
    result = CliRunner().invoke(build_cli(), ["--db", postgres_url, "cases", "show", case_id])
    assert result.exit_code == 1, result.output
    assert case_id in result.stdout
    said = " ".join(result.stderr.split())
    assert f"case {case_id}" in said
    assert "the case row is stored without any events" in said
    assert "no case" not in said
