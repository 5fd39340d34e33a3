"""Whether a SQLite file is complaintkit's to use, asked before anything is written to it.

Another application's database (``--db`` pointed at the wrong file) and a store a newer
complaintkit wrote are refused with a ``StorageError`` naming the file, and left byte for
byte as they were: not migrated, not even switched to WAL. Many applications set
``user_version`` too, so a version alone does not make a file ours: a store at any version
has the tables its first migration made (one of them dropped by hand is a damaged store,
which ``audit verify`` names, not a foreign one). An empty file, with no schema at all, is
a new store, as a file that does not exist yet is. A file set to keep its text as UTF-16
is refused too: stores keep UTF-8, which the case bodies are written in; so is one whose
header says a negative schema version, which no complaintkit writes.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from complaintkit.errors import StorageError

#: The tables every complaintkit store has had since its first migration.
_OURS = frozenset({"cases", "events", "intake_keys"})


def refuse_what_is_not_ours(db: sqlite3.Connection, path: Path, known: int) -> None:
    """Raise unless ``db`` is empty or a complaintkit store of schema version <= ``known``."""
    version = schema_version(db, path)
    (encoding,) = db.execute("PRAGMA encoding").fetchone()
    if encoding != "UTF-8":  # case bodies are bound as UTF-8 bytes (``sqlite_writes``)
        raise StorageError(
            f"{path} keeps text as {encoding}; a complaintkit store keeps it as UTF-8, "
            "SQLite's default: give complaintkit a new file"
        )
    if version > known:
        raise StorageError(
            f"{path} has schema version {version}, newer than this complaintkit "
            f"understands ({known}); upgrade complaintkit"
        )


def refuse_a_newer_schema(db: sqlite3.Connection, path: Path, known: int) -> None:
    """Raise if a newer complaintkit migrated ``db`` since this process opened it (an upgrade
    run beside a ``serve`` not yet stopped): asked at every write, under the write lock, which
    a migration takes too. ``PRAGMA user_version`` reads the file's header, already read."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version > known:
        raise StorageError(
            f"{path} was migrated to schema version {version}, newer than this complaintkit "
            f"understands ({known}), while this process had it open; nothing was written: "
            "stop this process, and run the complaintkit that migrated it"
        )


#: The schema version and the tables and views, read in one statement: read apart, another
#: process's first migration of a new file could commit between them (tables, version 0).
_SCHEMA = (
    "SELECT (SELECT user_version FROM pragma_user_version), "
    "(SELECT json_group_array(name) FROM sqlite_master WHERE type IN ('table', 'view') "
    "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\')"
)


def schema_version(db: sqlite3.Connection, path: Path) -> int:
    """The schema version of ``db``; raise if it holds a schema that is not a complaintkit
    store's: any at schema version 0, where a store has nothing yet; any with none of our
    tables after."""
    version, listed = db.execute(_SCHEMA).fetchone()
    if version < 0:  # no complaintkit writes one: taken for an old one, it was migrated
        raise StorageError(
            f"{path} says schema version {version}, which no complaintkit writes: its header "
            "was altered (PRAGMA user_version set by hand, or overwritten); nothing was "
            "written to it. Restore it from a backup, or set the version it was at"
        )
    names = set(json.loads(listed))
    if not names or (version and _OURS & names):
        return int(version)
    shown = sorted(names)
    listed = ", ".join(shown[:3]) + (", …" if len(shown) > 3 else "")
    raise StorageError(
        f"{path} is a database of another application (it holds {listed}; user_version "
        f"{version}), not a complaintkit store; give complaintkit a file of its own"
    )
