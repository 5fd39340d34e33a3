"""Opening a SQLite store only to read it: no migration, no WAL switch, no checkpoint.

Commands that only read (``replay``, ``report``, ``cases list``, ``audit verify``…) work on
a store they may not write — a read-only filesystem, a backup — and leave it byte for byte.
An older store is refused with the command that upgrades it, not upgraded behind the user.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from complaintkit.errors import StorageError
from complaintkit.storage.sqlite_ownership import (
    refuse_what_is_not_ours,
    schema_version,
)
from complaintkit.storage.sqlite_transaction import locked, refuse_no_database, unopenable
from complaintkit.storage.sqlite_unwritable import on_read_only_file_system, unreadable_log


def connect_read_only(path: Path, **options: Any) -> sqlite3.Connection:
    """A connection that cannot write ``path``. A WAL store in a folder no one may write
    has no ``-shm`` file to share and cannot get one; with no ``-wal`` beside it either, no
    writer can be at work, so it is read as immutable (on a read-only file system an empty
    ``-wal``, what a store closed there left, holds nothing either). Refused (a damaged
    file), it leaves no ``-wal`` or ``-shm`` it made behind."""
    found_unopened = wal_files_absent(path)
    try:
        return _connected(path, **options)
    except BaseException:
        if found_unopened:
            remove_what_reading_left(path)
        raise


def _connected(path: Path, **options: Any) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    db: sqlite3.Connection = sqlite3.connect(f"{uri}?mode=ro", uri=True, **options)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the file
    except sqlite3.OperationalError as exc:
        db.close()
        if not path.is_file() or locked(exc):  # a writer at work: no immutable reading
            raise
        if _holds_changes(Path(f"{path}-wal")):
            if on_read_only_file_system(path):
                raise unreadable_log(path) from None
            raise
        db = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, **options)
    except sqlite3.Error:  # a file that is no database: nothing is left open
        db.close()
        raise
    return db


def _holds_changes(wal: Path) -> bool:
    """Whether the log ``wal`` may hold changes the database file does not: it exists, and
    is not empty or is on a file system a writer could be writing it on."""
    return wal.exists() and (wal.stat().st_size > 0 or not on_read_only_file_system(wal))


def wal_files_absent(path: Path) -> bool:
    """Whether ``path`` has neither ``-wal`` nor ``-shm`` beside it: no one has it open."""
    return not any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))


def remove_what_reading_left(path: Path) -> None:
    """Remove the ``-wal`` and ``-shm`` a read-only connection made and cannot remove: a
    connection that may write opens ``path`` and closes, and SQLite, the last one out,
    removes them (with nothing in the log, the database file is not written). While
    another process has the store open they are its files, and stay."""
    if wal_files_absent(path) or not os.access(path, os.W_OK):
        return
    try:
        db = sqlite3.connect(path, timeout=0)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            db.close()
    except sqlite3.Error:  # busy, or no longer writable: the files are harmless
        return


def refuse_what_cannot_be_read(db: sqlite3.Connection, path: Path, known: int) -> None:
    """Raise unless ``db`` is a complaintkit store of exactly schema version ``known``:
    reading an older one would need the migration a reading command must not write."""
    refuse_what_is_not_ours(db, path, known)
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version == 0:  # not an old store: an empty file, or an empty database
        raise StorageError(
            f"{path} holds no complaintkit store (it is empty); check --db (this command "
            "never creates one: demo, intake, serve, tick and deliver do)"
        )
    if version < known:
        raise StorageError(
            f"{path} has schema version {version}, older than this complaintkit's "
            f"({known}); this command only reads and does not upgrade it: run "
            "`complaintkit migrate` (or any command that writes) first"
        )


#: How long asking the version waits for another's lock, in seconds: the store opened next
#: waits its own busy timeout, and a command waits out one lock once.
_MOMENT = 1.0


def stored_version(path: Path) -> int | None:
    """The schema version of the store at ``path``, read without writing: None when there
    is no file, 0 for an empty one (no migration has run on it). A file that is no
    database, or another application's, is a ``StorageError`` naming it. The ``-wal`` and
    ``-shm`` the reading made are removed again (``remove_what_reading_left``)."""
    if not path.exists():
        return None
    refuse_no_database(path)
    found_unopened = wal_files_absent(path)
    try:  # a lock another holds past a moment is said now, not waited out a second time
        db = connect_read_only(path, timeout=_MOMENT)
    except sqlite3.Error as exc:
        raise StorageError(unopenable(path, exc)) from exc
    try:
        version = schema_version(db, path)
    except sqlite3.Error as exc:
        raise StorageError(unopenable(path, exc)) from exc
    finally:
        db.close()
        if found_unopened:
            remove_what_reading_left(path)
    return int(version)
