"""Dead letters and status-token lookups on every built-in backend."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

import embedded_backends
from complaintkit.desk import Desk
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage

storage = embedded_backends.storage

AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_dead_letters_keep_source_raw_reason_and_time_in_order(storage: Storage) -> None:
    storage.dead_letter("email:a.eml", b"\xff\x00raw", "From: header is missing", AT)
    storage.dead_letter("csv:rows.csv:3", "行,文本", "text: is blank", AT)
    first, second = storage.dead_letters()
    assert (first.source, first.raw, first.reason, first.at) == (
        "email:a.eml",
        b"\xff\x00raw",
        "From: header is missing",
        AT,
    )
    assert second.raw == "行,文本".encode()
    assert first.id < second.id


def test_find_by_token_finds_only_that_case(storage: Storage) -> None:
    desk = Desk(storage=storage)
    data = {"channel": "web", "received_at": AT.isoformat(), "customer": {"id": "c"}, "text": "t"}
    one = desk.intake({**data, "external_id": "1"})
    desk.intake({**data, "external_id": "2"})
    found = storage.find_by_token(one.status_token)
    assert found is not None
    assert found.id == one.id
    assert storage.find_by_token("unknown") is None


def test_sqlite_dead_letters_survive_reopening(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/c.db"
    with SQLiteStorage(url) as storage:
        storage.dead_letter("http:/complaints", b"{", "body is not valid JSON", AT)
    with SQLiteStorage(url) as storage:
        assert [d.reason for d in storage.dead_letters()] == ["body is not valid JSON"]


def test_sqlite_reads_a_letter_kept_without_an_offset_as_utc(tmp_path: Path) -> None:
    """Older versions kept a letter's instant without its offset: the listing reads it as
    UTC instead of failing whole, so no letter kept beside it is hidden."""
    url = f"sqlite:///{tmp_path}/c.db"
    with SQLiteStorage(url) as storage:
        storage.dead_letter("csv:old.csv:2", b"a,b", "text: is blank", AT)
    with closing(sqlite3.connect(tmp_path / "c.db")) as db, db:
        db.execute(
            "INSERT INTO dead_letters (source, raw, reason, at) VALUES (?, ?, ?, ?)",
            ("csv:old.csv:3", b"c,d", "text: is blank", "2026-11-23T09:30:00"),
        )
    with SQLiteStorage(url) as storage:
        assert [(d.source, d.at) for d in storage.dead_letters()] == [
            ("csv:old.csv:2", AT),
            ("csv:old.csv:3", AT),
        ]


@pytest.mark.parametrize("kept", ["yesterday", "", b"\x00\xff", 12345, 1e300])
def test_sqlite_lists_a_letter_whose_instant_is_no_instant_with_it_unknown(
    tmp_path: Path, kept: object
) -> None:
    """An instant edited outside complaintkit to what is no instant failed the listing of
    every letter: the letter is listed with its instant unknown (``None``), and purges."""
    url = f"sqlite:///{tmp_path}/c.db"
    with SQLiteStorage(url) as storage:
        storage.dead_letter("csv:old.csv:2", b"a,b", "text: is blank", AT)
        storage.dead_letter("csv:old.csv:3", b"c,d", "text: is blank", AT)
    with closing(sqlite3.connect(tmp_path / "c.db")) as db, db:
        db.execute("UPDATE dead_letters SET at = ? WHERE source = 'csv:old.csv:2'", (kept,))
    with SQLiteStorage(url) as storage:
        first, second = storage.dead_letters()
        assert (first.source, first.at, second.at) == ("csv:old.csv:2", None, AT)
        assert first.to_json()["at"] is None
        assert storage.purge_dead_letters([first.id]) == 1
        assert storage.dead_letters() == [second]
