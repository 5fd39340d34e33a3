"""A letter ``dead-letters retry`` refuses again counts the retries and keeps when the last
was, so an operator sees a letter failing again and again; a store of the schema before
the count opens with every letter at none."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import embedded_backends
from complaintkit.storage import sqlite_schema
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage

AT = datetime(2026, 12, 4, 3, 0, tzinfo=UTC)


storage = embedded_backends.storage


def test_each_refused_retry_is_counted_with_its_instant(storage: Storage) -> None:
    storage.dead_letter("csv:rows.csv:3", b"x", "text: column 'narrative' is blank", AT)
    storage.dead_letter("csv:rows.csv:4", b"y", "text: column 'narrative' is blank", AT)
    first, second = storage.dead_letters()
    assert (first.retries, first.last_retry_at) == (0, None)
    storage.refused_on_retry(first, "received_at: not a date", AT + timedelta(hours=1))
    storage.refused_on_retry(
        storage.dead_letters()[0], "received_at: not a date", AT + timedelta(hours=2)
    )
    again, untouched = storage.dead_letters()
    assert (again.id, again.reason, again.at) == (first.id, "received_at: not a date", AT)
    assert (again.retries, again.last_retry_at) == (2, AT + timedelta(hours=2))
    assert untouched == second


def test_a_backend_without_a_count_keeps_the_reason_only() -> None:
    """The default, for a plugin backend written before the count: the reason as before."""
    storage = MemoryStorage()
    storage.dead_letter("csv:rows.csv:3", b"x", "text: is blank", AT)
    (letter,) = storage.dead_letters()
    Storage.refused_on_retry(storage, letter, "received_at: not a date", AT)
    (kept,) = storage.dead_letters()
    assert (kept.reason, kept.retries) == ("received_at: not a date", 0)


def test_a_store_of_the_schema_before_the_count_upgrades_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cases.db"
    url = f"sqlite:///{path}"
    before = next(n for n, step in enumerate(sqlite_schema.MIGRATIONS) if "retries" in step)
    with monkeypatch.context() as older:
        older.setattr(sqlite_schema, "MIGRATIONS", sqlite_schema.MIGRATIONS[:before])
        with SQLiteStorage(url) as storage:
            storage.dead_letter("jsonl:in.jsonl:2", b"{", "unfinished line", AT)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (before,)
    with SQLiteStorage(url) as storage:
        (letter,) = storage.dead_letters()
        assert (letter.reason, letter.retries, letter.last_retry_at) == ("unfinished line", 0, None)
        storage.refused_on_retry(letter, "unfinished line", AT)
        assert storage.dead_letters()[0].retries == 1
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (len(sqlite_schema.MIGRATIONS),)
