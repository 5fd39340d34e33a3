"""A dead letter's instant written without an offset, as SQLite's older rows hold them:
PostgreSQL's ``timestamptz`` column reads such text in the session's zone when it is
written (UTC here), so the listing always returns aware instants and never fails on it."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
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
