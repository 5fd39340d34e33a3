"""A dead letter's instant written without an offset, as SQLite's older rows hold them:
PostgreSQL's ``timestamptz`` column reads such text in the session's zone when it is
written (UTC here), so the listing always returns aware instants and never fails on it."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from psycopg import sql


def test_a_letter_written_without_an_offset_lists_as_utc(
    postgres_url: str, postgres_server_url: str
) -> None:
    with PostgresStorage(postgres_url) as storage:
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            conn.execute("SET TimeZone = 'UTC'")
            conn.execute(
                sql.SQL(
                    "INSERT INTO {}.dead_letters (source, raw, reason, at) VALUES (%s, %s, %s, %s)"
                ).format(sql.Identifier(storage.options.schema)),
                ("csv:old.csv:3", b"c,d", "text: is blank", "2026-11-23 09:30:00"),
            )
        (letter,) = storage.dead_letters()
        assert letter.at == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
        assert letter.at.utcoffset() is not None


@pytest.mark.parametrize(
    "kept", ["infinity", "-infinity", "0044-03-15 00:00+00 BC", "12000-01-01 00:00+00"]
)
def test_a_letter_whose_instant_python_cannot_hold_lists_with_it_unknown(
    postgres_url: str, postgres_server_url: str, kept: str
) -> None:
    """Reading such an instant raised, and failed the listing (and report) of every letter."""
    at = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    with PostgresStorage(postgres_url) as storage:
        storage.dead_letter("csv:old.csv:2", b"a,b", "text: is blank", at)
        storage.dead_letter("csv:old.csv:3", b"c,d", "text: is blank", at)
        with psycopg.connect(postgres_server_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("UPDATE {}.dead_letters SET at = %s WHERE source = 'csv:old.csv:2'").format(
                    sql.Identifier(storage.options.schema)
                ),
                (kept,),
            )
        first, second = storage.dead_letters()
        assert (first.source, first.at, second.at) == ("csv:old.csv:2", None, at)
        assert storage.purge_dead_letters([first.id]) == 1
        assert storage.dead_letters() == [second]
