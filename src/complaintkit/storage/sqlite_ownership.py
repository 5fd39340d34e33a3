"""Whether a SQLite file is complaintkit's to use, asked before anything is written to it.

Another application's database (``--db`` pointed at the wrong file) and a store a newer
complaintkit wrote are refused with a ``StorageError`` naming the file, and left byte for
byte as they were: not migrated, not even switched to WAL.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from complaintkit.errors import StorageError


def refuse_what_is_not_ours(db: sqlite3.Connection, path: Path, known: int) -> None:
    """Raise unless ``db`` is empty or a complaintkit store of schema version <= ``known``."""
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version > known:
        raise StorageError(
            f"{path} has schema version {version}, newer than this complaintkit "
            f"understands ({known}); upgrade complaintkit"
        )
    if not version:
        refuse_another_applications(db, path)


def refuse_another_applications(db: sqlite3.Connection, path: Path) -> None:
    """Raise if ``db``, at schema version 0, has tables: they are another application's."""
    tables = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\' ORDER BY name LIMIT 4"
        )
    ]
    if tables:
        shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
        raise StorageError(
            f"{path} is a database of another application (tables {shown}), not a "
            "complaintkit store; give complaintkit a file of its own"
        )
