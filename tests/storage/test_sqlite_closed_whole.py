"""A SQLite store closed after its last write is one file: the connection closing last
checkpoints the write-ahead log into it and removes it. The batch watcher (a default
plugin, for a policy with ``incidents.batches``) read arrivals through a report source of
its own, a second connection never closed: after ``complaintkit intake`` every case taken
in stayed in ``cases.db-wal`` beside a ``cases.db`` of one empty page, and a copy of
``cases.db`` alone (a backup, a file sent on) held no case."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from complaintkit.cli.group import build_cli
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
COMPLAINT = (
    '{"channel": "web", "external_id": "a1", "received_at": "2026-11-23T02:00:00+00:00", '
    '"customer": {"id": "c1"}, "text": "牛奶变质, 批次 B20261120"}\n'
)


def _cases_in_the_file_alone(path: Path, tmp_path: Path) -> int:
    """The cases a copy of the database file holds, without the files beside it."""
    copy = tmp_path / "copy.db"
    shutil.copyfile(path, copy)
    db = sqlite3.connect(copy)
    try:
        (count,) = db.execute("SELECT count(*) FROM cases").fetchone()
    finally:
        db.close()
    return int(count)


def test_a_desk_watching_batches_leaves_its_store_one_file_when_closed(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    policy = load_policy(SHOP)
    assert policy.incidents is not None
    assert policy.incidents.batches
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        Desk(policy, storage=storage, clock=ManualClock(T0)).intake(
            {
                "channel": "web",
                "external_id": "a1",
                "received_at": T0.isoformat(),
                "customer": {"id": "c1"},
                "text": "牛奶变质",
            }
        )
    assert not (tmp_path / "cases.db-wal").exists()
    assert _cases_in_the_file_alone(path, tmp_path) == 1


def test_intake_from_the_command_line_leaves_the_store_one_file(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(COMPLAINT, encoding="utf-8")
    path = tmp_path / "cases.db"
    result = CliRunner().invoke(
        build_cli(),
        ["--db", f"sqlite:///{path}", "--policy", str(SHOP), "intake", str(source)],
    )
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "cases.db-wal").exists()
    assert _cases_in_the_file_alone(path, tmp_path) == 1
