"""Checkpoints of SQLite's write-ahead log, made by a thread of their own.

In WAL mode a commit appends to the log; a *checkpoint* copies the logged pages into the
database file and syncs it. SQLite makes one, by default, in whichever commit takes the log
past 1,000 pages, and that commit waits for it: in a tick, whose batches write megabytes, a
third of the time spent committing was that copying and syncing. A passive checkpoint made
from another connection never blocks a writer, so the store's own connection turns the
automatic one off and this thread makes them instead, shortly after writes.

Durability is unchanged: each commit still syncs the log as ``synchronous`` says before it
returns, and the checkpoint syncs the database file under the same setting. A checkpoint
that fails (a full disk) is logged and tried again after the next write; the log keeps
every page meanwhile, as it does when readers hold an automatic checkpoint back.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

#: How long after a write the checkpoint waits, so that a burst of commits shares one.
DELAY_SECONDS = 0.2
#: How long the thread waits for another write before it ends (a store left open and
#: unused, as in tests, holds no thread); the next write starts it again.
IDLE_SECONDS = 5.0


def checkpointer(
    db: sqlite3.Connection, journal: str, path: Path, synchronous: str
) -> Checkpointer | None:
    """Move ``db``'s checkpoints to a thread, if it keeps a write-ahead log (a database in
    memory keeps none)."""
    if journal.lower() != "wal":
        return None
    db.execute("PRAGMA wal_autocheckpoint=0")
    return Checkpointer(path, synchronous)


class Checkpointer:
    """Passive checkpoints of the log of the database at ``path``, shortly after writes."""

    def __init__(self, path: Path, synchronous: str) -> None:
        self.path = path
        self.synchronous = synchronous
        self._written = threading.Event()
        self._stop = threading.Event()
        self._guard = threading.Lock()  # whether a thread runs: asked and changed under it
        self._thread: threading.Thread | None = None

    def written(self) -> None:
        """Note a commit: a checkpoint follows within ``DELAY_SECONDS``."""
        with self._guard:
            self._written.set()
            if self._stop.is_set() or (self._thread is not None and self._thread.is_alive()):
                return
            self._thread = threading.Thread(
                target=self._run, name=f"complaintkit checkpoint {self.path}", daemon=True
            )
            self._thread.start()

    def close(self) -> None:
        """Stop the thread; the store's own connection, closing last, checkpoints the rest."""
        with self._guard:
            self._stop.set()
            thread = self._thread
        self._written.set()  # wake it
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        try:
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            log.warning("%s: cannot open for checkpoints (%s)", self.path, exc)
            return
        try:
            db.execute(f"PRAGMA synchronous={self.synchronous.upper()}")
            while self._next_write():
                self._stop.wait(DELAY_SECONDS)  # the commits of a burst share a checkpoint
                self._written.clear()
                self._checkpoint(db)
        finally:
            db.close()

    def _next_write(self) -> bool:
        """Wait for a write; false when the store closes, or when none came for
        ``IDLE_SECONDS`` (the thread then ends, and the next write starts another)."""
        while not self._stop.is_set():
            if self._written.wait(IDLE_SECONDS):
                return not self._stop.is_set()
            with self._guard:
                if not self._written.is_set():
                    self._thread = None
                    return False
        return False

    def _checkpoint(self, db: sqlite3.Connection) -> None:
        try:
            db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:
            log.warning(
                "%s: checkpoint failed, to be tried after the next write (%s)", self.path, exc
            )
