"""A SQLite store migrated by a newer complaintkit while an older process has it open (an
upgrade run beside a ``serve`` or ``tick --loop`` not yet stopped) was written on by the
older process as if nothing had changed: the schema version was asked only when the store
opened. Each write now reads it under the write lock, and a store newer than this
complaintkit is refused, rolled back and named, as it is when opened."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.model.message import Message
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_schema import MIGRATIONS

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
NEWER = len(MIGRATIONS) + 1


def _complaint(name: str) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": name,
        "received_at": T0.isoformat(),
        "customer": {"id": name},
        "text": "包裹迟迟未到",
    }


def _migrate_as_a_newer_version(path: Path) -> None:
    """What a newer complaintkit's migration leaves: its schema, and its version."""
    with sqlite3.connect(path, isolation_level=None) as newer:
        newer.execute("BEGIN IMMEDIATE")
        newer.execute("CREATE TABLE IF NOT EXISTS surveys (case_id TEXT NOT NULL)")
        newer.execute(f"PRAGMA user_version = {NEWER}")
        newer.execute("COMMIT")
    newer.close()


def _stored_keys(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT external_id FROM intake_keys").fetchall()
    db.close()
    return {key for (key,) in rows}


def test_an_intake_after_a_newer_version_migrated_the_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    desk = Desk(load_policy(SHOP), storage=f"sqlite:///{path}", clock=ManualClock(T0))
    try:
        desk.intake(_complaint("before"))
        _migrate_as_a_newer_version(path)
        with pytest.raises(StorageError, match="newer than this complaintkit") as refused:
            desk.intake(_complaint("after"))
        assert str(path) in str(refused.value)
        assert f"version {NEWER}" in str(refused.value)
        with pytest.raises(StorageError, match="newer than this complaintkit"):
            desk.tick()
    finally:
        desk.storage.close()
    assert _stored_keys(path) == {"before"}


def test_a_case_saved_after_a_newer_version_migrated_the_store_is_left_as_it_was(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.db"
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        desk = Desk(load_policy(SHOP), storage=storage, clock=ManualClock(T0))
        case = desk.intake(_complaint("one"))
        _migrate_as_a_newer_version(path)
        with pytest.raises(StorageError, match="newer than this complaintkit"):
            desk.assign(case.id, "xu.kefu", actor="lin.kefu")
        (stored,) = storage.find(CaseQuery())
    assert stored.version == case.version
    assert stored.owner == case.owner


def test_a_delivery_worker_sends_nothing_from_a_store_a_newer_version_migrated(
    tmp_path: Path,
) -> None:
    """It could not record its attempts, so each pass would send the same message again."""
    path = tmp_path / "cases.db"
    sent: list[str] = []

    class Counting:
        def send(self, message: Message) -> None:
            sent.append(message.subject)

    with SQLiteStorage(f"sqlite:///{path}") as storage:
        storage.enqueue(
            [
                Outgoing.message(
                    "mail", Message(to="a@b.c", subject="m", body="b", case_id="CK-1"), T0
                )
            ]
        )
        _migrate_as_a_newer_version(path)
        worker = DeliveryWorker(storage, {"mail": Counting()}, ManualClock(T0))
        for _ in range(2):
            with pytest.raises(StorageError, match="newer than this complaintkit"):
                worker.run_once()
    assert sent == []


def test_a_store_at_this_version_writes_on_beside_another_process(tmp_path: Path) -> None:
    """Another process opening the store (and finding nothing to migrate) changes nothing."""
    path = tmp_path / "cases.db"
    desk = Desk(load_policy(SHOP), storage=f"sqlite:///{path}", clock=ManualClock(T0))
    try:
        desk.intake(_complaint("one"))
        SQLiteStorage(f"sqlite:///{path}").close()
        desk.intake(_complaint("two"))
    finally:
        desk.storage.close()
    assert _stored_keys(path) == {"one", "two"}
