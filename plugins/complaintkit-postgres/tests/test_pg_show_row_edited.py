"""``cases show`` on PostgreSQL of a case whose row's status was edited by hand in its
jsonb body, its events untouched: it was shown as the case, exit 0. It is still shown and
what the row says other than its events is named, exit 1, as on SQLite."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage
from pg_tampered import tampering

from complaintkit.cli import build_cli
from complaintkit.desk import Desk

pytestmark = pytest.mark.postgres


def test_an_edited_row_is_named_on_postgres(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        case = Desk(storage=storage).intake(
            {
                "channel": "web",
                "external_id": "W1",
                "received_at": "2026-11-23T09:00:00+00:00",
                "customer": {"id": "C1"},
                "text": "The milk was spoiled",
            }
        )
        with tampering(storage) as conn:
            conn.execute(
                """UPDATE cases SET body = jsonb_set(body, '{status}', '"closed"')
                   WHERE id = %s""",
                (case.id,),
            )
    result = CliRunner().invoke(build_cli(), ["--db", postgres_url, "cases", "show", case.id])
    assert result.exit_code == 1, result.output
    assert "The milk was spoiled" in result.stdout
    said = " ".join(result.stderr.split())
    assert f"case {case.id}" in said
    assert "the case row says status 'closed' but its events say" in said
