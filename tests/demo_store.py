"""The demo's store for tests that read or damage a real one: ``complaintkit demo``'s
scripted day played into a folder, a copy of it to change, and SQL run on that copy."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from complaintkit.cli import build_cli


def play_demo(out: Path) -> Path:
    """``complaintkit demo``'s scripted day, stored in ``out``; the database's path."""
    result = CliRunner().invoke(build_cli(), ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "demo.db"


def copied(demo_db: Path, into: Path) -> Path:
    """A copy of the demo's database in ``into``, its write-ahead log included."""
    target = into / "demo.db"
    with closing(sqlite3.connect(demo_db)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def execute(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """``sql`` run on ``db`` outside any transaction; its rows."""
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        return connection.execute(sql, params).fetchall()
