"""A store another process held locked (a writer in a transaction, a sqlite3 session) made
a command that writes wait, then fail in SQLite's words: "stayed locked by another writer
longer than complaintkit waits", or, where the lock kept even readers out, "cannot open …
as a database (database is locked)" after the version check had waited its own 5 seconds
first. Every command that writes now waits for the lock once and says which store is
locked, that nothing was written, and what to do; once the lock is gone it works."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import complaintkit.storage.sqlite
from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
POLICY = str(Path(__file__).parents[2] / "policies" / "retail" / "supermarket.yaml")
COMPLAINT = {
    "channel": "web",
    "external_id": "LOCK-1",
    "received_at": "2026-12-01T10:00:00+08:00",
    "customer": {"id": "c1"},
    "text": "the milk was sour",
}


def writing(case_id: str, source: Path) -> dict[str, list[str]]:
    return {
        "cases note": ["cases", "note", case_id, "called back", "--actor", "li.na"],
        "cases close": ["cases", "close", case_id, "--reason", "done", "--actor", "li.na"],
        "cases assign": ["cases", "assign", case_id, "wang.wei", "--actor", "li.na"],
        "tick": ["--policy", POLICY, "tick"],
        "intake": ["--policy", POLICY, "intake", str(source)],
        "deliver": ["--policy", POLICY, "deliver"],
        "migrate": ["migrate"],
        "dead-letters purge": ["dead-letters", "purge", "--all"],
        "outbox requeue": ["outbox", "requeue", "--all"],
    }


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, Path]:
    monkeypatch.setattr(complaintkit.storage.sqlite, "WAIT", 0.2)  # not the 30 s a user waits
    path = tmp_path / "cases.db"
    desk = Desk(storage=f"sqlite:///{path}")
    case = desk.intake(COMPLAINT)
    desk.storage.close()
    source = tmp_path / "more.jsonl"
    source.write_text(json.dumps({**COMPLAINT, "external_id": "LOCK-2"}) + "\n")
    return path, case.id, source


@contextmanager
def held(path: Path, *, readers_too: bool) -> Iterator[None]:
    """``path`` locked by another connection: for writers, or with ``readers_too`` (a
    sqlite3 session in exclusive locking mode) for readers as well."""
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        if readers_too:
            other.execute("PRAGMA locking_mode=EXCLUSIVE")
            other.execute("BEGIN EXCLUSIVE")
            other.execute("CREATE TABLE held (x)")
        else:
            other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("ROLLBACK")


def run(path: Path, args: list[str]) -> Result:
    return CliRunner().invoke(CLI, ["--db", f"sqlite:///{path}", *args], input="")


def history(path: Path, case_id: str) -> str:
    result = run(path, ["cases", "show", case_id, "--json"])
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_said_locked(result: Result, path: Path) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert str(path) in line
    assert "locked by another process" in line
    assert "nothing was written" in line
    assert "run the command again" in line


@pytest.mark.parametrize("command", list(writing("", Path())))
def test_a_command_that_writes_says_the_store_is_locked_and_what_to_do(
    store: tuple[Path, str, Path], command: str
) -> None:
    path, case_id, source = store
    args = writing(case_id, source)[command]
    before = history(path, case_id)
    with held(path, readers_too=False):
        assert_said_locked(run(path, args), path)
    assert history(path, case_id) == before  # nothing was written
    assert "locked" not in run(path, args).output  # the lock gone, it runs


@pytest.mark.parametrize("command", ["cases note", "tick", "intake"])
def test_a_lock_that_keeps_readers_out_too_is_said_the_same_way(
    store: tuple[Path, str, Path], command: str
) -> None:
    path, case_id, source = store
    with held(path, readers_too=True):
        assert_said_locked(run(path, writing(case_id, source)[command]), path)
    assert "locked" not in run(path, writing(case_id, source)[command]).output


def test_the_json_error_says_it_too(store: tuple[Path, str, Path]) -> None:
    path, case_id, _ = store
    with held(path, readers_too=False):
        result = run(path, ["cases", "note", case_id, "called back", "--actor", "a", "--json"])
    assert result.exit_code == 1
    assert "locked by another process" in json.loads(result.stdout)["error"]["message"]
