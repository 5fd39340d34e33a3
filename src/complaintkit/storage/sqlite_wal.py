"""Turning a store's journal to WAL when other processes open it at the same moment.

``PRAGMA journal_mode=WAL`` on a new file takes the database's exclusive lock, and SQLite
answers it ``SQLITE_BUSY`` at once, without calling the busy handler, while another
connection holds any lock: two intakes, or a tick and ``serve``, started together on a new
store had one of them refused "database is locked". It is asked again, as a busy handler
would wait, until the connection's own timeout has passed.
"""

from __future__ import annotations

import sqlite3
import time

#: How long a connection waits for another's lock before refusing, in seconds.
WAIT = 30
#: The first wait between two asks, doubled each time up to ``_LONGEST``.
_FIRST, _LONGEST = 0.005, 0.25


def write_ahead_log(db: sqlite3.Connection, timeout: float) -> str:
    """The journal mode ``db`` runs in after asking for WAL (``memory`` for ``:memory:``)."""
    deadline, pause = time.monotonic() + timeout, _FIRST
    while True:
        try:
            (journal,) = db.execute("PRAGMA journal_mode=WAL").fetchone()
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, _LONGEST)
            continue
        return str(journal)
