"""A write to a store one of whose tables was dropped by hand (the ledger, the event log, the
report rows) ended "the write failed and was rolled back (no such table: ledger)": SQLite's
words, naming no damage and nothing to do. It is a damaged store, named so: which table is
gone, and that a backup restores it (a write says nothing was written) — from the Desk and the
command line alike, and the store is left as it was."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.desk import Desk
from complaintkit.errors import DamagedStore
from complaintkit.plugins import Plugins, plugin_manager
from complaintkit.testing.storage_contract import make_complaint

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
TABLES = ["ledger", "event_log", "case_facts", "status_tokens", "intake_keys"]


def store_without(tmp_path: Path, table: str) -> Path:
    path = tmp_path / "cases.db"
    desk = Desk(storage=f"sqlite:///{path}")
    desk.intake(make_complaint("T1"))
    desk.storage.close()
    with sqlite3.connect(path) as db:
        db.execute(f"DROP TABLE {table}")
    return path


def cases_in(path: Path) -> int:
    with sqlite3.connect(path) as db:
        (count,) = db.execute("SELECT COUNT(*) FROM cases").fetchone()
    return int(count)


@pytest.mark.parametrize("table", TABLES)
def test_the_desk_names_the_table_gone(tmp_path: Path, table: str) -> None:
    path = store_without(tmp_path, table)
    desk = Desk(storage=f"sqlite:///{path}")
    try:
        with pytest.raises(DamagedStore) as raised:
            desk.intake(make_complaint("T2"))
    finally:
        desk.storage.close()
    said = str(raised.value)
    assert f"the store's {table} table is gone" in said
    assert "backup" in said
    assert cases_in(path) == 1


@pytest.mark.parametrize("table", ["ledger", "case_facts"])
def test_the_command_line_names_it_without_a_traceback(tmp_path: Path, table: str) -> None:
    path = store_without(tmp_path, table)
    source = tmp_path / "one.jsonl"
    complaint = {
        "channel": "web",
        "external_id": "T3",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "c-9"},
        "text": "漏水",
    }
    source.write_text(json.dumps(complaint, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(CLI, ["--db", f"sqlite:///{path}", "intake", str(source)])
    assert result.exit_code == 1, result.output
    assert f"the store's {table} table is gone" in result.stderr
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.output
    assert cases_in(path) == 1
