"""``cases list`` on PostgreSQL over a case whose body lost a field outside complaintkit:
it stopped with exit 1 at that case, listing none of the others (as SQLite did). The
readable ones are listed, the damaged one is named on stderr, and the exit is 1 at the
end."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from click.testing import CliRunner
from complaintkit_postgres import PostgresStorage

from complaintkit.cli import build_cli
from complaintkit.desk import Desk

pytestmark = pytest.mark.postgres


def test_cases_list_on_postgres_names_a_damaged_case_and_lists_the_rest(
    postgres_url: str,
) -> None:
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage)
        ids = [
            desk.intake(
                {
                    "channel": "web",
                    "external_id": f"PG{n}",
                    "received_at": datetime(2026, 11, 23, 9, n, tzinfo=UTC).isoformat(),
                    "customer": {"id": f"C{n}"},
                    "text": f"complaint {n}",
                }
            ).id
            for n in range(3)
        ]
        with psycopg.connect(
            storage.options.conninfo, options=storage.options.server_options, autocommit=True
        ) as conn:
            conn.execute("UPDATE cases SET body = body - 'status' WHERE id = %s", (ids[1],))
    result = CliRunner().invoke(build_cli(), ["--db", postgres_url, "cases", "list"])
    assert result.exit_code == 1, result.output
    assert ids[0] in result.stdout
    assert ids[2] in result.stdout
    assert f"case {ids[1]} is damaged:" in result.stderr


def test_cases_show_on_postgres_names_a_damaged_event_and_shows_the_rest(
    postgres_url: str,
) -> None:
    """It stopped at 'stored event 2 is damaged', showing neither the case nor its other
    events (as SQLite did)."""
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage)
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "PG-EV",
                "received_at": datetime(2026, 11, 23, 9, tzinfo=UTC).isoformat(),
                "customer": {"id": "C1"},
                "text": "the parcel is late",
            }
        )
        desk.note(case.id, "called the courier", actor="agent")
        desk.note(case.id, "courier says tomorrow", actor="agent")
        with psycopg.connect(
            storage.options.conninfo, options=storage.options.server_options, autocommit=True
        ) as conn:
            conn.execute(
                "UPDATE events SET body = '[1, 2]' WHERE case_id = %s AND seq = 2", (case.id,)
            )
    result = CliRunner().invoke(build_cli(), ["--db", postgres_url, "cases", "show", case.id])
    assert result.exit_code == 1, result.output
    assert f"case {case.id}: stored event 2 is damaged:" in result.stderr
    assert "courier says tomorrow" in result.stdout
