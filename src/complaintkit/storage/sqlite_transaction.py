"""SQLite's write transactions, and the database's own failures named as storage errors.

SQLite lets one writer in at a time; the others wait up to the connection's busy timeout.
A writer that waits longer, or a write the file cannot take (a full disk), fails in
``sqlite3.OperationalError``; a file damaged on disk fails in a bare ``sqlite3.DatabaseError``,
reads too. Each becomes a ``StorageError`` naming the file, which the CLI prints in one
line and worker loops (``tick --loop``) outlast: the next pass tries again. Errors about
the values written (a constraint, a value SQLite cannot bind) stay what they are: they are
one record's, which intake refuses alone.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from complaintkit.errors import DamagedSharedPart, DamagedStore, RefusedWrite, StorageError
from complaintkit.storage.sqlite_opened_file import OpenedFile
from complaintkit.storage.sqlite_ownership import refuse_a_newer_schema


@contextmanager
def write_transaction(
    db: sqlite3.Connection,
    lock: threading.RLock,
    opened: OpenedFile,
    committed: Callable[[], None] | None = None,
    *,
    known: int,
    savepoint: bool = False,
) -> Iterator[sqlite3.Connection]:
    """One write transaction on ``db``, rolled back on any error; nested calls join the
    outer one — as a savepoint with ``savepoint``, so that a nested block that raises is
    undone even when the outer one catches it and goes on (a retried letter's intake and
    its purge commit together). Only the blocks an application opens ask for one: SQLite
    copies every page a savepoint's block changes into a statement journal, which made a
    tick's saves, each nested in its claim, a tenth slower, and a method's own block needs
    none (if it raises, the block around it does). ``committed`` is called after the
    commit, still under ``lock``. A store migrated past schema version ``known`` since it
    opened is refused before anything is written (``refuse_a_newer_schema``)."""
    with lock:
        if db.in_transaction:
            if not savepoint:
                yield db
                return
            with _savepoint(db):
                yield db
            return
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:  # only the store fails to begin
            raise failed_write(opened.path, exc) from exc
        try:
            refuse_a_newer_schema(db, opened.path, known)
            yield db
            opened.check()
            db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            _roll_back(db)
            if not the_store_failing(exc):
                raise
            if damaged_file(exc):
                forget_pages(db)
            raise failed_write(opened.path, exc) from exc
        except BaseException:
            _roll_back(db)
            raise
        if committed is not None:
            committed()


@contextmanager
def _savepoint(db: sqlite3.Connection) -> Iterator[None]:
    """A nested block: released when it ends, rolled back to its start if it raises."""
    db.execute("SAVEPOINT nested")
    try:
        yield
    except BaseException:
        if db.in_transaction:  # a full disk has already ended the whole transaction
            db.execute("ROLLBACK TO nested")
            db.execute("RELEASE nested")
        raise
    db.execute("RELEASE nested")


@contextmanager
def reading(lock: threading.RLock, db: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Reads on ``db`` under ``lock``; the store failing under them (a damaged file, a lock
    held past the busy timeout) is a ``StorageError`` naming the file."""
    with lock:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if not the_store_failing(exc):
                raise
            if damaged_file(exc):
                forget_pages(db)
            raise failed_read(path, exc) from exc


def forget_pages(db: sqlite3.Connection) -> None:
    """Drop the pages ``db`` keeps in memory, once it met a damaged one: SQLite trusts them
    for as long as no other connection commits, so a page written back whole (restored,
    mended by hand) would go unseen, and its rows stay damaged, until one did. Only
    between transactions: within one, its pages are in use."""
    if not db.in_transaction:
        db.execute("PRAGMA shrink_memory")


def failed_read(path: Path, exc: sqlite3.DatabaseError) -> StorageError:
    """The error for a read the file failed (damaged, locked past the busy timeout)."""
    if locked(exc):
        return StorageError(locked_by_another(path, exc))
    if damaged_file(exc):
        return DamagedStore(f"{str(path)!r}: reading failed: {damage_advice(path, exc)}")
    if (table := _table_gone(exc)) is not None:
        return DamagedStore(f"{str(path)!r}: reading failed: {_gone(table)}")
    return StorageError(f"{str(path)!r}: reading failed ({exc})")


#: SQLite's primary result codes for a file it cannot read as the database it was.
_DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


@contextmanager
def refused_as_such(path: Path) -> Iterator[None]:
    """A save of the store at ``path`` that a trigger or constraint added by hand refuses
    (``RAISE(ABORT, …)``, a ``CHECK``) raises ``RefusedWrite``, which a tick saves apart:
    as SQLite's ``IntegrityError`` it ended every tick at the batch holding that case."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        raise RefusedWrite(
            f"{str(path)!r} refused the write ({exc}); nothing of it was written. A trigger "
            "or constraint added to the store outside complaintkit refuses it: correct or "
            "drop it, and the next run tries again"
        ) from exc


@contextmanager
def shared_part(part: str) -> Iterator[None]:
    """Writes into ``part``, a part of the store every save writes into (its last page
    shared by all): a failure there is marked as that part's (``failed_write``), so that a
    damaged page of it is not taken for the damage of each case saved."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        exc.shared_part = part  # type: ignore[attr-defined]
        raise


def damaged_file(exc: sqlite3.Error) -> bool:
    """Whether SQLite said, by its result code, that the file is damaged (a failing disk, a
    copy taken mid-write): no retry mends that, a backup does."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in _DAMAGED


def damage_advice(path: Path, exc: sqlite3.Error) -> str:
    """What to say of a damaged ``path``: what SQLite found, the check and the mend."""
    return (
        f"the file is damaged ({exc}). Check it with "
        f"`sqlite3 {str(path)!r} 'PRAGMA integrity_check'` and restore it from a backup "
        "(stop every process using it first)"
    )


def unopenable(path: Path, exc: sqlite3.Error) -> str:
    """Why ``path`` cannot be opened as a store, and what to do: a file SQLite does not
    take for a database (SQLITE_NOTADB) is another file named by mistake, or a store whose
    header was overwritten; one another process holds locked is waited for no longer."""
    if locked(exc):
        return locked_by_another(path, exc)
    if getattr(exc, "sqlite_errorcode", None) != sqlite3.SQLITE_NOTADB:
        return f"cannot open {str(path)!r} as a database ({exc})"
    return _no_database(path, str(exc))


#: SQLite's primary result codes for a lock another connection holds.
_LOCKED = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def locked(exc: sqlite3.Error) -> bool:
    """Whether SQLite refused ``exc``'s statement for a lock another connection holds
    (after waiting its busy timeout, or at once where it calls no busy handler)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in _LOCKED


def locked_by_another(path: Path, exc: sqlite3.Error) -> str:
    """What to say of a store another process kept locked past the one wait: which store,
    that nothing was written, and what to do."""
    return (
        f"the store {str(path)!r} is locked by another process writing to it ({exc}); "
        "complaintkit waited for it once and gave up, and nothing was written. Wait for "
        "that process to finish, or stop it (another complaintkit intake, tick, deliver or "
        "serve on this store; a sqlite3 session or a backup holding a transaction), then "
        "run the command again"
    )


#: The first bytes of every SQLite database file.
_HEADER = b"SQLite format 3\x00"


def refuse_no_database(path: Path) -> None:
    """Raise ``StorageError`` if ``path`` holds bytes that do not begin a SQLite database:
    SQLite takes a file of one byte, or of a few zero bytes, for an empty database, and
    the store opened on it would overwrite what it held. An empty file is a new store."""
    try:
        with path.open("rb") as file:
            start = file.read(len(_HEADER))
    except (FileNotFoundError, PermissionError):  # a new store; or SQLite says it
        return
    if start and start != _HEADER:
        raise StorageError(_no_database(path, f"it begins {start[:8]!r}"))


def _no_database(path: Path, found: str) -> str:
    return (
        f"cannot open {str(path)!r}: it is no SQLite database, or its header is damaged "
        f"({found}); nothing was written to it. If it is the store, restore it from a "
        "backup; otherwise name the store's file, or a new path for a new store"
    )


def the_store_failing(exc: sqlite3.DatabaseError) -> bool:
    """Whether ``exc`` is the database failing (busy, full, unwritable, damaged), not a
    value it refused (a constraint, a value too big)."""
    return isinstance(exc, sqlite3.OperationalError | sqlite3.InternalError) or (
        type(exc) is sqlite3.DatabaseError  # SQLITE_CORRUPT, SQLITE_NOTADB
    )


def _roll_back(db: sqlite3.Connection) -> None:
    """Undo the open transaction; SQLite has already undone one a full disk ended."""
    if db.in_transaction:
        db.execute("ROLLBACK")


def failed_write(path: Path, exc: sqlite3.DatabaseError) -> StorageError:
    """The error for a write SQLite refused: busy (another writer) or the file failing."""
    if locked(exc):
        return StorageError(locked_by_another(path, exc))
    part = getattr(exc, "shared_part", None)
    if damaged_file(exc) and isinstance(part, str):
        return DamagedSharedPart(
            part,
            f"{str(path)!r}: the write was rolled back: {part}, which every save writes "
            f"into, cannot be written: {damage_advice(path, exc)}",
        )
    if damaged_file(exc):
        return DamagedStore(f"{str(path)!r}: the write was rolled back: {damage_advice(path, exc)}")
    if (table := _table_gone(exc)) is not None:
        return DamagedStore(
            f"{str(path)!r}: the write was rolled back, nothing was written: {_gone(table)}"
        )
    if getattr(exc, "sqlite_errorcode", None) in _NO_ROOM:
        return StorageError(
            f"{str(path)!r}: the write failed and was rolled back, nothing was written ({exc}): "
            "the disk holding it is most likely full, or the file larger than this process "
            "may write (ulimit -f). Free space on it (its -wal file grows until a checkpoint), "
            "then run again"
        )
    return StorageError(f"{str(path)!r}: the write failed and was rolled back ({exc})")


def _table_gone(exc: sqlite3.DatabaseError) -> str | None:
    """The table of the store a statement met missing (dropped by hand), if it did."""
    said = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and said.startswith(_NO_SUCH_TABLE):
        return said.removeprefix(_NO_SUCH_TABLE)
    return None


_NO_SUCH_TABLE = "no such table: "  # SQLite's words, unchanged since 3.0


def _gone(table: str) -> str:
    return (
        f"the store's {table} table is gone (dropped), which complaintkit cannot mend: "
        "restore the store from a backup (stop every process using it first)"
    )


#: SQLite's result codes for a write the disk had no room for: SQLITE_FULL (ENOSPC), and
#: SQLITE_IOERR_WRITE, as a write past the file-size limit (EFBIG) or a quota fails.
_NO_ROOM = frozenset({sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR_WRITE})
