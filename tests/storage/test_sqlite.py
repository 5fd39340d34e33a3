import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import ConfigError, StorageError
from complaintkit.model.audit import verify_chain
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_facts import NEW_CASE_FACTS
from complaintkit.storage.sqlite_schema import MIGRATIONS
from complaintkit.storage.sqlite_writes import KEEP_DEAD_LETTER
from complaintkit.testing.storage_contract import make_complaint

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

INTAKE_SCRIPT = """
import sys
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
desk = Desk(storage=SQLiteStorage(sys.argv[1]))
for n in range(int(sys.argv[2])):
    desk.intake({
        "channel": "bulk", "external_id": f"X{n:05d}", "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": f"C{n % 97}"}, "text": f"第{n}号投诉: parcel late",
    })
    if n == 300:
        print("started", flush=True)
"""


BATCH_INTAKE_SCRIPT = """
import sys
from complaintkit.desk import Desk
from complaintkit.storage.sqlite import SQLiteStorage
desk = Desk(storage=SQLiteStorage(sys.argv[1]))
complaints = [{
    "channel": "bulk", "external_id": f"X{n:05d}", "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": f"C{n % 97}"}, "text": f"第{n}号投诉: parcel late",
} for n in range(int(sys.argv[2]))]
for start in range(0, len(complaints), 100):
    desk.intake_many(complaints[start:start + 100])
    if start == 300:
        print("started", flush=True)
"""


def run_intake(url: str, count: int, script: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, url, str(count)], stdout=subprocess.PIPE, text=True
    )


def kill_part_way(url: str, count: int, script: str) -> list[str]:
    """Start an intake of ``count`` complaints, SIGKILL it once it is under way, and return
    the ids it left, each checked to have an intact, complete history."""
    first = run_intake(url, count, script)
    assert first.stdout is not None
    assert first.stdout.readline().strip() == "started"
    time.sleep(0.2)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    first.stdout.close()
    with SQLiteStorage(url) as storage:
        partial = list(storage.case_ids())
        for case_id in partial:
            assert verify_chain(case_id, storage.events(case_id)) is None
            assert len(storage.events(case_id)) == storage.get(case_id).version
    return partial


def rerun_and_count(url: str, count: int, script: str) -> None:
    """Run the intake again to the end: exactly ``count`` cases, one per key, none partial."""
    second = run_intake(url, count, script)
    second.communicate()
    assert second.returncode == 0
    with SQLiteStorage(url) as storage:
        assert len(list(storage.case_ids())) == count
        (keys,) = storage.execute("SELECT count(DISTINCT external_id) FROM intake_keys")[0]
        assert keys == count
        (orphans,) = storage.execute(
            "SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM events e WHERE e.case_id = c.id) != c.version"
        )[0]
        assert orphans == 0


@pytest.mark.slow
def test_killed_intake_leaves_no_partial_case_and_rerun_completes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}?synchronous=normal"
    partial = kill_part_way(url, 5000, INTAKE_SCRIPT)
    assert 300 < len(partial) < 5000, "the kill must land part-way"
    rerun_and_count(url, 5000, INTAKE_SCRIPT)


@pytest.mark.slow
def test_killed_batched_intake_leaves_whole_batches_and_rerun_completes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}?synchronous=normal"
    partial = kill_part_way(url, 20_000, BATCH_INTAKE_SCRIPT)
    assert 400 <= len(partial) < 20_000, "the kill must land part-way"
    assert len(partial) % 100 == 0, "a batch is stored whole or not at all"
    rerun_and_count(url, 20_000, BATCH_INTAKE_SCRIPT)


def test_schema_version_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    SQLiteStorage(f"sqlite:///{path}").close()
    db = sqlite3.connect(path)
    (version,) = db.execute("PRAGMA user_version").fetchone()
    db.close()
    assert version == len(MIGRATIONS)


def test_newer_schema_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.close()
    with pytest.raises(StorageError, match="upgrade complaintkit"):
        SQLiteStorage(f"sqlite:///{path}")


def test_wal_mode_is_on(tmp_path: Path) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path / 'c.db'}") as storage:
        assert storage.execute("PRAGMA journal_mode") == [("wal",)]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite://", "not a SQLite URL"),
        ("sqlite:///x.db?fast=yes", "unknown option"),
        ("sqlite:///no/such/folder/x.db", "does not exist"),
        # each connection opens a database of its own: reports and batch incidents saw none
        ("sqlite:///:memory:", "write memory:"),
    ],
)
def test_bad_urls_say_what_to_write(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        SQLiteStorage(url)


def _facts(db: sqlite3.Connection) -> list[list[tuple[object, ...]]]:
    return [
        db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("case_facts", "case_sla", "case_remedies")
    ]


def test_intake_writes_the_report_facts_derived_from_the_stored_bodies(tmp_path: Path) -> None:
    policy = load_policy("policies/retail/supermarket.yaml")
    after_the_record = ManualClock(NOW + timedelta(days=3))  # the import closed on 11-25
    desk = Desk(policy, storage=f"sqlite:///{tmp_path / 'c.db'}", clock=after_the_record)
    imported = {
        "status": "closed",
        "first_response_at": "2026-11-23T18:00:00.250+08:00",
        "resolved_at": "2026-11-24T10:00:00+08:00",
        "closed_at": "2026-11-25T10:00:00+08:00",
        "owner": "li.na",
        "outcome": "refunded",
    }
    texts = ["the bread was damaged", "rude cashier", "变质了"]
    complaints = [make_complaint(f"n{n}", text=text) for n, text in enumerate(texts)]
    complaints.append(make_complaint("old", history=imported))
    desk.intake_many(complaints)
    desk.intake(make_complaint("single"))
    db = sqlite3.connect(tmp_path / "c.db")
    written = _facts(db)
    assert len(written[0]) == 5
    assert written[1]  # the clocks of the open cases
    db.executescript("DELETE FROM case_facts; DELETE FROM case_sla; DELETE FROM case_remedies;")
    for statement in NEW_CASE_FACTS:  # the SQL derivation, for programs writing cases directly
        db.execute(statement, (0,))
    assert _facts(db) == written


def test_events_are_logged_in_commit_order_and_reopenings_counted(tmp_path: Path) -> None:
    desk = Desk(storage=f"sqlite:///{tmp_path / 'c.db'}", clock=ManualClock(NOW))
    first = desk.intake(make_complaint("a"))
    desk.intake_many([make_complaint("b"), make_complaint("c")])
    desk.transition(first.id, "investigating", actor="li.na")
    desk.resolve(first.id, "refunded", actor="li.na")
    desk.reopen(first.id, actor="li.na", reason="still broken")
    db = sqlite3.connect(tmp_path / "c.db")
    logged = db.execute("SELECT case_id, seq FROM event_log ORDER BY position").fetchall()
    assert sorted(logged) == db.execute("SELECT case_id, seq FROM events ORDER BY 1, 2").fetchall()
    assert [e.case_id for e in desk.events_since(None, 100).events] == [c for c, _ in logged]
    assert logged[-1] == (first.id, desk.get(first.id).version)
    reopened = db.execute("SELECT id, reopened FROM case_facts WHERE reopened > 0").fetchall()
    assert reopened == [(first.id, 1)]


def test_keeping_a_dead_letter_once_is_an_index_probe_not_a_scan(tmp_path: Path) -> None:
    """Letters from one notifier share their source; finding the same letter must not
    read them all (that made each intake batch slower than the one before)."""
    SQLiteStorage(f"sqlite:///{tmp_path / 'c.db'}").close()
    db = sqlite3.connect(tmp_path / "c.db")
    parameters = ("notify:email", b"{}", "no address", "2026-11-23T09:00:00+00:00")
    plan = db.execute(f"EXPLAIN QUERY PLAN {KEEP_DEAD_LETTER}", parameters + parameters[:3])
    details = " ".join(row[-1] for row in plan)
    assert "USING INDEX dead_letters_found" in details
    assert "SCAN dead_letters" not in details


@pytest.mark.parametrize("spelling", ["e-link.db", "./e.db", "sub/../e.db"])
def test_one_delivery_worker_per_database_however_its_path_is_spelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    """Two workers on one file send every message twice: a symlink or another spelling of
    the path must not give the second worker a lock of its own."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "e-link.db").symlink_to(tmp_path / "e.db")
    monkeypatch.chdir(tmp_path)
    with (
        SQLiteStorage(f"sqlite:///{tmp_path / 'e.db'}") as first,
        SQLiteStorage(f"sqlite:///{spelling}") as second,
    ):
        with first.hold_outbox() as held, second.hold_outbox() as also_held:
            assert held
            assert not also_held
        with second.hold_outbox() as held_after:
            assert held_after


def test_a_write_blocked_by_another_writer_past_the_busy_timeout_is_a_storage_error(
    tmp_path: Path,
) -> None:
    """sqlite3's 'database is locked' escaped as sqlite3.OperationalError: a traceback from
    the CLI, and the end of a ``tick --loop`` worker, which outlasts only StorageError."""
    path = tmp_path / "cases.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        storage.execute("PRAGMA busy_timeout = 50")  # not the 30 s a user waits
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process holding the write lock
        desk = Desk(storage=storage, clock=ManualClock(NOW))
        with pytest.raises(StorageError, match=re.escape(str(path))):
            desk.intake(make_complaint("blocked"))
        other.execute("ROLLBACK")
        other.close()
        assert list(storage.case_ids()) == []
        desk.intake(make_complaint("blocked"))  # the next try, once the lock is gone
        assert len(list(storage.case_ids())) == 1
