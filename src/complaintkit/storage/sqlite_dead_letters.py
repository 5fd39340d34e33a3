"""Reading, changing and deleting SQLite's dead letters (kept by ``KEEP_DEAD_LETTER``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from complaintkit.model.jsonvalues import printable
from complaintkit.storage.arguments import MOST_ROWS
from complaintkit.storage.base import DeadLetter, kept_at, raw_bytes
from complaintkit.storage.sqlite_loose_values import bytes_of, count_of, text_of

#: Every letter, with its columns in the order ``_letters`` reads them.
_EVERY = "SELECT id, source, raw, reason, at, retries, last_retry_at FROM dead_letters"


def _letters(rows: sqlite3.Cursor) -> list[DeadLetter]:
    """Each row's letter, its columns read as their types whatever a hand edited into them
    (``sqlite_loose_values``)."""
    return [
        DeadLetter(
            id_,
            text_of(source),
            bytes_of(raw),
            text_of(reason),
            kept_at(at),
            count_of(retries),
            kept_at(last),
        )
        for id_, source, raw, reason, at, retries, last in rows.fetchall()
    ]


def kept_letters(db: sqlite3.Connection) -> list[DeadLetter]:
    """Every letter, oldest first; an instant older versions kept without its offset is
    read as UTC (``kept_at``)."""
    return _letters(db.execute(f"{_EVERY} ORDER BY id"))


def letters_from(db: sqlite3.Connection, prefix: str) -> list[DeadLetter]:
    """The letters whose source starts with ``prefix``, oldest first: a range of the index
    on ``(source, reason)``, so no other letter's raw bytes are read."""
    prefix = printable(prefix)
    past = _past(prefix)
    query = f"{_EVERY} WHERE source >= ?"
    rows = db.execute(
        f"{query} ORDER BY id" if past is None else f"{query} AND source < ? ORDER BY id",
        (prefix,) if past is None else (prefix, past),
    )
    return _letters(rows)


#: The last code point; the surrogates, which no kept text holds (``printable``).
_LAST, _SURROGATES = 0x10FFFF, range(0xD800, 0xE000)


def _past(prefix: str) -> str | None:
    """The least text after every text starting with ``prefix`` (SQLite compares UTF-8
    bytes, in code point order); ``None`` when none is (only U+10FFFF, or nothing)."""
    stem = prefix.rstrip(chr(_LAST))
    if not stem:
        return None
    after = ord(stem[-1]) + 1
    return stem[:-1] + chr(_SURROGATES.stop if after in _SURROGATES else after)


def refuse_again(db: sqlite3.Connection, letter_id: int, reason: str) -> None:
    """Keep ``reason`` as the cause the letter ``letter_id`` is refused for now."""
    db.execute("UPDATE dead_letters SET reason = ? WHERE id = ?", (printable(reason), letter_id))


def count_retry(db: sqlite3.Connection, letter_id: int, reason: str, at: str) -> None:
    """Keep ``reason`` as the letter's cause, and count a retry refused at ``at``."""
    db.execute(
        "UPDATE dead_letters SET reason = ?, retries = retries + 1, last_retry_at = ? WHERE id = ?",
        (printable(reason), at, letter_id),
    )


def given_up(db: sqlite3.Connection, source: str, raw: str, reason: str, at: str) -> None:
    """Keep the dead letter of a delivery given up on at ``at`` (``source`` names it); one
    given up on again since it was requeued keeps its one letter, with the cause that holds
    now and the retry counted: a second letter would count one message refused twice."""
    source, reason = printable(source), printable(reason)
    again = db.execute(
        "UPDATE dead_letters SET reason = ?, retries = retries + 1, last_retry_at = ? "
        "WHERE source = ?",
        (reason, at, source),
    )
    if not again.rowcount:
        db.execute(
            "INSERT INTO dead_letters (source, raw, reason, at) VALUES (?, ?, ?, ?)",
            (source, raw_bytes(raw), reason, at),
        )


def delivered(db: sqlite3.Connection, source: str) -> None:
    """Delete the letter of a delivery delivered (``source`` names it): given up on once and
    requeued since, its message is refused input no more."""
    db.execute("DELETE FROM dead_letters WHERE source = ?", (printable(source),))


def purge_letters(db: sqlite3.Connection, ids: Collection[int]) -> int:
    """Delete the letters ``ids``; an id past 64 bits names none (SQLite cannot bind it)."""
    return sum(
        db.execute("DELETE FROM dead_letters WHERE id = ?", (id_,)).rowcount
        for id_ in sorted(set(ids))
        if -MOST_ROWS <= id_ <= MOST_ROWS
    )
