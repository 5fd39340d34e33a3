"""Commands that only read open a SQLite store without writing to it: on a read-only
filesystem they work, and an older store is refused, not migrated, left byte for byte."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaintkit.cli import build_cli
from complaintkit.demo.script import demo_policy_path
from complaintkit.errors import StorageError
from complaintkit.storage import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_facts import SLA_CANCELLED
from complaintkit.storage.sqlite_schema import MIGRATIONS
from demo_store import play_demo

#: Every command that only reads, with what it is given after ``--db``.
READING = (
    ["--policy", str(demo_policy_path()), "replay", str(demo_policy_path()), "--json"],
    ["--policy", str(demo_policy_path()), "report", "--json"],
    ["cases", "list", "--json"],
    ["audit", "verify", "--json"],
    ["outbox", "--json"],
    ["dead-letters", "list", "--json"],
    ["dead-letters", "count", "--json"],
)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return play_demo(tmp_path_factory.mktemp("demo"))


def _copy(source: Path, target: Path) -> Path:
    """One file holding all of ``source`` (its WAL folded in), still in WAL mode."""
    with closing(sqlite3.connect(source)) as old, closing(sqlite3.connect(target)) as new:
        old.backup(new)
        new.execute("PRAGMA journal_mode=WAL")
    return target


def _run(path: Path, args: list[str]) -> Result:
    return CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{path}", *args])


def _mount(*args: str) -> bool:
    mount = shutil.which("mount")
    return mount is not None and subprocess.run([mount, *args], check=False).returncode == 0


@pytest.fixture
def read_only_store(demo_db: Path, tmp_path: Path) -> Iterator[Path]:
    """The demo's store on a filesystem mounted read-only (the tests run as root, whom
    file permissions do not stop)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)):
        pytest.skip("cannot mount a filesystem here")
    try:
        path = _copy(demo_db, folder / "cases.db")
        assert _mount("-o", "remount,ro", str(folder))
        yield path
    finally:
        umount = shutil.which("umount") or "umount"
        subprocess.run([umount, "--lazy", str(folder)], check=True)


@pytest.mark.parametrize(
    "args", READING, ids=lambda args: " ".join(a for a in args if "/" not in a)
)
def test_a_reading_command_works_on_a_read_only_filesystem(
    read_only_store: Path, args: list[str]
) -> None:
    result = _run(read_only_store, args)
    assert result.exit_code == 0, result.output
    json.loads(result.output)


def test_a_read_only_store_still_refuses_a_write_plainly(read_only_store: Path) -> None:
    result = _run(read_only_store, ["dead-letters", "purge", "--all", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["error"]["type"] == "StorageError"


def _older(demo_db: Path, tmp_path: Path) -> Path:
    """The demo's store as the complaintkit before the last migration left it."""
    path = _copy(demo_db, tmp_path / "older.db")
    with closing(sqlite3.connect(path)) as db:
        db.execute("DROP INDEX case_sla_outcome_due")
        db.execute("CREATE INDEX case_sla_due ON case_sla (metric, met, breached, due_at)")
        db.execute("ALTER TABLE case_sla DROP COLUMN cancelled")
        db.execute(f"PRAGMA user_version = {MIGRATIONS.index(SLA_CANCELLED)}")
        db.commit()
    return path


@pytest.mark.parametrize(
    "args", READING, ids=lambda args: " ".join(a for a in args if "/" not in a)
)
def test_a_reading_command_leaves_an_older_store_as_it_was_and_says_how_to_upgrade(
    demo_db: Path, tmp_path: Path, args: list[str]
) -> None:
    path = _older(demo_db, tmp_path)
    before = path.read_bytes()
    result = _run(path, args)
    assert result.exit_code == 1, result.output
    message = json.loads(result.output)["error"]["message"]
    assert str(path) in message
    assert "complaintkit migrate" in message
    assert path.read_bytes() == before


def test_migrate_upgrades_an_older_store_for_the_reading_commands(
    demo_db: Path, tmp_path: Path
) -> None:
    path = _older(demo_db, tmp_path)
    migrated = _run(path, ["migrate", "--json"])
    assert migrated.exit_code == 0, migrated.output
    assert json.loads(migrated.output) == {
        "schema_version": len(MIGRATIONS),
        "was": MIGRATIONS.index(SLA_CANCELLED),
    }
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    result = _run(path, ["cases", "list", "--json"])
    assert result.exit_code == 0, result.output


def test_migrate_names_a_missing_store_and_creates_none(tmp_path: Path) -> None:
    result = _run(tmp_path / "missing.db", ["migrate"])
    assert result.exit_code == 2  # a usage error of --db
    assert not (tmp_path / "missing.db").exists()


def test_a_store_opened_to_read_refuses_to_write_and_leaves_the_file(
    demo_db: Path, tmp_path: Path
) -> None:
    path = _copy(demo_db, tmp_path / "cases.db")
    before = path.read_bytes()
    with SQLiteStorage.reading(f"sqlite:///{path}") as storage:
        assert storage.count(CaseQuery()) > 0
        with pytest.raises(StorageError, match="only to read"):
            storage.dead_letter("test", b"x", "a reason", datetime.now(UTC))
    assert path.read_bytes() == before
