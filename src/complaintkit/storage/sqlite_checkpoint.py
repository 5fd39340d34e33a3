"""Checkpoints of SQLite's write-ahead log, made by a thread of their own.

In WAL mode a commit appends to the log; a *checkpoint* copies the logged pages into the
database file and syncs it. SQLite makes one, by default, in whichever commit takes the log
past 1,000 pages, and that commit waits for it: in a tick, whose batches write megabytes, a
third of the time spent committing was that copying and syncing. A passive checkpoint made
from another connection never blocks a writer, so this thread makes them, shortly after
a store writes a batch (a tick's, ``intake_many``'s), from a connection of its own; after
other commits the store checkpoints as SQLite does.

The log is written from its start again only once every page in it was copied, and a writer
that keeps committing adds pages while the thread copies: left alone, a tick's log grew to
155 MB, and a long log slows every read (single-complaint intake lost 15%). So the thread
copies again while a copy left many pages behind, and once the log holds ``RESTART_PAGES``
the store's connection, right after its next commit, copies what is left (a sync of the
database file: about 20 ms in a tick), and the commit after that starts the log again.

The thread runs when the machine lets it: on a loaded one it found the log long late, and
the log grew by every batch committed meanwhile. So the store's connection also looks
itself, after each batch: SQLite cuts the log's file back to twice ``RESTART_PAGES`` when
the log starts again (``journal_size_limit``), so a file longer than that is a log that
long, and the store copies the rest of it then, waiting for a copy the thread is making.
The log never passes that length by more than one commit, however late the thread runs.
Should the log still pass ``BACKSTOP_PAGES`` (another process holding it back), the store's
connection checkpoints in its commits as SQLite does by default.

Durability is unchanged: each commit still syncs the log as ``synchronous`` says before it
returns, and a checkpoint syncs the database file under the same setting. A checkpoint that
fails (a full disk) is logged and tried again after the next write; the log keeps every
page meanwhile, as it does when readers hold a checkpoint back.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

#: How long after a write the checkpoint waits, so that a burst of commits shares one.
DELAY_SECONDS = 0.2
#: How long the thread waits for another write before it ends (a store left open and
#: unused, as in tests, holds no thread); the next write starts it again.
IDLE_SECONDS = 5.0
#: A log this long (in pages, 4 KB each by default) is finished and started again: at
#: 1,000 pages, as SQLite's own, a tick spent 0.1 s more finishing (2.16-2.30 s against
#: 2.03-2.19 s, the same hour).
RESTART_PAGES = 4096
#: Where SQLite's own checkpoint runs (its default), for the store's single changes.
_SQLITES_OWN_PAGES = 1000
#: A log this long is checkpointed by the commit that takes it there, as SQLite would.
BACKSTOP_PAGES = 16384
#: The thread copies again while more pages than this were added during its last copy...
_LEFT_PAGES = 256
#: ...but at most this many times in a row.
_PASSES = 4


def checkpointer(
    db: sqlite3.Connection, journal: str, path: Path, synchronous: str
) -> Checkpointer | None:
    """Checkpoints for the store connection ``db``, if it keeps a write-ahead log (SQLite
    keeps its rollback journal where a file system cannot share the log's memory)."""
    if journal.lower() != "wal":
        return None
    return Checkpointer(db, path, synchronous)


class Checkpointer:
    """Passive checkpoints of the log of the database at ``path``, shortly after writes;
    ``store`` is the store's own connection, which finishes a long log."""

    def __init__(self, store: sqlite3.Connection, path: Path, synchronous: str) -> None:
        self.store = store
        self.path = path
        self.synchronous = synchronous
        self._wal = Path(f"{os.path.realpath(path)}-wal")  # as SQLite names it
        (page_size,) = store.execute("PRAGMA page_size").fetchone()
        #: the longest log (in bytes: its header, then a header and a page per frame) the
        #: store lets a batch leave
        self._longest = 32 + 2 * RESTART_PAGES * (24 + page_size)
        store.execute(f"PRAGMA journal_size_limit={self._longest}")
        self._copying = threading.Lock()  # held by whichever connection is checkpointing
        self._written = threading.Event()
        self._stop = threading.Event()
        self._guard = threading.Lock()  # whether a thread runs: asked and changed under it
        self._thread: threading.Thread | None = None
        self._long = False  # the thread found the log at RESTART_PAGES or more
        self._own = False  # the store's commits leave checkpoints to the thread

    def committed(self, bulk: bool) -> None:
        """Note a commit, made by ``store`` outside any transaction and under the store's
        lock. After a ``bulk`` one (a batch of cases) a checkpoint follows within
        ``DELAY_SECONDS``; after others the store's commits checkpoint as SQLite's do, as a
        thread waking after every small commit would copy and sync more often, not less."""
        if self._long or (bulk and self._log_bytes() > self._longest):
            self._long = False
            self._checkpoint(self.store)  # the rest of a long log: the next commit restarts it
        if bulk != self._own:
            pages = BACKSTOP_PAGES if bulk else _SQLITES_OWN_PAGES
            try:  # the commit is made: no failure here may say otherwise
                self.store.execute(f"PRAGMA wal_autocheckpoint={pages}")
            except sqlite3.Error as exc:
                log.warning("%s: checkpoints not moved (%s)", self.path, exc)
                return
            self._own = bulk
        if not bulk:
            return
        with self._guard:
            self._written.set()
            if self._stop.is_set() or (self._thread is not None and self._thread.is_alive()):
                return
            thread = threading.Thread(
                target=self._run, name=f"complaintkit checkpoint {self.path}", daemon=True
            )
            try:  # the commit is made: no failure here may say otherwise
                thread.start()
            except RuntimeError as exc:  # no thread to be had (an interpreter shutting down)
                log.warning("%s: no checkpoint thread (%s)", self.path, exc)
                return
            self._thread = thread

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
            db.execute(f"PRAGMA synchronous={self.synchronous.upper()}")
        except sqlite3.Error as exc:
            log.warning("%s: cannot open for checkpoints (%s)", self.path, exc)
            return
        try:
            while self._next_write():
                self._stop.wait(DELAY_SECONDS)  # the commits of a burst share a checkpoint
                self._written.clear()
                self._long = self._caught_up(db) >= RESTART_PAGES
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

    def _caught_up(self, db: sqlite3.Connection) -> int:
        """Passive checkpoints until few pages are left to copy (a writer adds pages while
        one copies, and the store's connection copies the rest of a long log); how many
        pages the log holds."""
        logged = 0
        for _ in range(_PASSES):
            logged, copied = self._checkpoint(db)
            if logged - copied <= _LEFT_PAGES:
                break
        return logged

    def _log_bytes(self) -> int:
        """How long the log's file is (0 when there is none)."""
        try:
            return self._wal.stat().st_size
        except OSError:
            return 0

    def _checkpoint(self, db: sqlite3.Connection) -> tuple[int, int]:
        """A passive checkpoint through ``db``, after any the other connection is making
        (SQLite would refuse it as busy): how many pages the log holds and how many of them
        are copied ((0, 0) if it failed)."""
        try:
            with self._copying:
                _, logged, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error as exc:
            log.warning(
                "%s: checkpoint failed, to be tried after the next write (%s)", self.path, exc
            )
            return 0, 0
        return int(logged), int(copied)
