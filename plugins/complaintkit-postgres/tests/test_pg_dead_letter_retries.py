"""A letter ``dead-letters retry`` refuses again counts the retries and keeps when the last
was, in PostgreSQL as in the other stores; a schema from before the count upgrades in
place, its letters at none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from complaintkit_postgres import PostgresStorage, schema

AT = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)


def test_each_refused_retry_is_counted_with_its_instant(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        storage.dead_letter("csv:rows.csv:3", b"x", "text: is blank", AT)
        storage.dead_letter("csv:rows.csv:4", b"y", "text: is blank", AT)
        first, second = storage.dead_letters()
        assert (first.retries, first.last_retry_at) == (0, None)
        for hours in (1, 2):
            letter = storage.dead_letters()[0]
            storage.refused_on_retry(letter, "received_at: not a date", AT + timedelta(hours=hours))
        again, untouched = storage.dead_letters()
        assert (again.id, again.reason, again.at) == (first.id, "received_at: not a date", AT)
        assert (again.retries, again.last_retry_at) == (2, AT + timedelta(hours=2))
        assert untouched == second
        assert storage.dead_letters_from("csv:rows.csv:3") == [again]


def test_a_schema_from_before_the_count_upgrades_in_place(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as older:
        before = next(n for n, step in enumerate(schema.MIGRATIONS) if "retries" in step)
        older.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:before])
        with PostgresStorage(postgres_url) as storage:
            storage.dead_letter("jsonl:in.jsonl:2", b"{", "unfinished line", AT)
    with PostgresStorage(postgres_url) as storage:
        (letter,) = storage.dead_letters()
        assert (letter.reason, letter.retries, letter.last_retry_at) == ("unfinished line", 0, None)
        storage.refused_on_retry(letter, "unfinished line", AT)
        assert storage.dead_letters()[0].retries == 1
