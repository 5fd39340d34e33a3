"""Reading, changing and deleting SQLite's dead letters (kept by ``KEEP_DEAD_LETTER``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from complaintkit.model.jsonvalues import printable
from complaintkit.storage.arguments import MOST_ROWS
from complaintkit.storage.base import DeadLetter, kept_at


def kept_letters(db: sqlite3.Connection) -> list[DeadLetter]:
    """Every letter, oldest first; an instant older versions kept without its offset is
    read as UTC (``kept_at``)."""
    rows = db.execute("SELECT id, source, raw, reason, at FROM dead_letters ORDER BY id")
    return [
        DeadLetter(id_, source, bytes(raw), reason, kept_at(at))
        for id_, source, raw, reason, at in rows.fetchall()
    ]


def refuse_again(db: sqlite3.Connection, letter_id: int, reason: str) -> None:
    """Keep ``reason`` as the cause the letter ``letter_id`` is refused for now."""
    db.execute("UPDATE dead_letters SET reason = ? WHERE id = ?", (printable(reason), letter_id))


def purge_letters(db: sqlite3.Connection, ids: Collection[int]) -> int:
    """Delete the letters ``ids``; an id past 64 bits names none (SQLite cannot bind it)."""
    return sum(
        db.execute("DELETE FROM dead_letters WHERE id = ?", (id_,)).rowcount
        for id_ in sorted(set(ids))
        if -MOST_ROWS <= id_ <= MOST_ROWS
    )
