"""A command that only reads a WAL store left ``-wal`` and ``-shm`` files beside it (a
read-only connection cannot remove what it made): after ``report`` or ``cases list`` the
folder held two more files. Now the store is left as it was found — unless another
process has it open, whose files they are."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.storage import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage

READING = (
    ["report", "--json"],
    ["cases", "list", "--json"],
    ["audit", "verify", "--json"],
    ["outbox", "--json"],
    ["dead-letters", "list", "--json"],
)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    source = tmp_path / "in.jsonl"
    record = {
        "channel": "web",
        "external_id": "1",
        "received_at": "2026-11-23T10:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "面包发霉了",
    }
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    path = tmp_path / "s.db"
    result = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{path}", "intake", str(source)])
    assert result.exit_code == 0, result.output
    return path


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("args", READING, ids=lambda a: " ".join(a[:2]))
def test_a_reading_command_leaves_the_folder_as_it_found_it(store: Path, args: list[str]) -> None:
    assert beside(store) == ["s.db"]
    before = digest(store)
    result = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{store}", *args])
    assert result.exit_code == 0, result.output
    assert beside(store) == ["s.db"]
    assert digest(store) == before


def test_a_writers_files_stay_while_it_has_the_store_open(store: Path) -> None:
    writer = SQLiteStorage(f"sqlite:///{store}")
    try:
        reader = SQLiteStorage.reading(f"sqlite:///{store}")
        assert reader.count(CaseQuery()) == 1
        reader.close()
        assert "s.db-wal" in beside(store)
        assert writer.count(CaseQuery()) == 1  # the writer goes on, its files intact
    finally:
        writer.close()
    assert beside(store) == ["s.db"]
