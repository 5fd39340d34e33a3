"""A letter ``dead-letters retry`` refuses again keeps the latest reason, on the same
letter, in PostgreSQL as in the other stores."""

from __future__ import annotations

from datetime import UTC, datetime

from complaintkit_postgres import PostgresStorage

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_a_letter_refused_again_keeps_the_latest_reason(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        storage.dead_letter("csv:rows.csv:3", b"x", "text: column 'narrative' is blank", AT)
        storage.dead_letter("csv:rows.csv:4", b"y", "text: column 'narrative' is blank", AT)
        first, second = storage.dead_letters()
        storage.refused_again(first.id, "received_at: '11/23/2026' is not a date")
        assert [(d.id, d.reason) for d in storage.dead_letters()] == [
            (first.id, "received_at: '11/23/2026' is not a date"),
            (second.id, second.reason),
        ]
