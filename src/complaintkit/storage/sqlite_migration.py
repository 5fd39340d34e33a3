"""Running a migration of the SQLite schema: its statements one at a time, and again."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator


def statements(script: str) -> Iterator[str]:
    """Split a migration into statements; a trigger's ``BEGIN … END`` stays whole."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


_ADD_COLUMN = re.compile(r"\s*ALTER TABLE (\w+) ADD COLUMN (\w+)", re.IGNORECASE)


def adds_a_column_it_has(db: sqlite3.Connection, statement: str) -> bool:
    """SQLite has no ``ADD COLUMN IF NOT EXISTS``: a store rewound to an earlier version
    migrates again cleanly when a column already added is not added twice."""
    adds = _ADD_COLUMN.match(statement)
    if adds is None:
        return False
    columns = db.execute("SELECT name FROM pragma_table_info(?)", (adds[1],)).fetchall()
    return (adds[2],) in columns
