"""A SQLite store whose file is removed or replaced under a running process (a clean-up, a
backup restored beside ``serve`` or ``tick --loop``) kept writing to the file it had open,
which no path names any more: every intake and tick after it was answered as stored and
was lost when the process ended, and a restored backup was then read with the old file's
write-ahead log (``database disk image is malformed``). A write now checks, before it
commits, that the path still names the file the store opened; when it does not, the write
is rolled back and refused, naming the file, so nothing is answered as stored that is not."""

from __future__ import annotations

import fcntl
import os
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

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _complaint(name: str) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": name,
        "received_at": T0.isoformat(),
        "customer": {"id": name},
        "text": "包裹迟迟未到",
    }


def _stored_keys(url: str) -> set[str]:
    with SQLiteStorage(url) as storage:
        return {case.complaint.external_id for case in storage.find(CaseQuery())}


def test_an_intake_after_the_file_was_removed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    desk = Desk(load_policy(SHOP), storage=f"sqlite:///{path}", clock=ManualClock(T0))
    try:
        desk.intake(_complaint("before"))
        path.unlink()
        with pytest.raises(StorageError, match="removed or replaced") as refused:
            desk.intake(_complaint("after"))
        assert str(path) in str(refused.value)
    finally:
        desk.storage.close()


def test_an_intake_after_a_backup_was_restored_is_refused_and_the_backup_reads(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.db"
    url = f"sqlite:///{path}"
    desk = Desk(load_policy(SHOP), storage=url, clock=ManualClock(T0))
    try:
        desk.intake(_complaint("in the backup"))
        backup = sqlite3.connect(tmp_path / "backup.db")
        with sqlite3.connect(path) as live:
            live.backup(backup)
        backup.close()
        os.replace(tmp_path / "backup.db", path)
        with pytest.raises(StorageError, match="removed or replaced"):
            desk.intake(_complaint("after the restore"))
        with pytest.raises(StorageError, match="removed or replaced"):
            desk.tick()
    finally:
        desk.storage.close()
    assert _stored_keys(url) == {"in the backup"}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_store_renamed_to_another_path_is_no_longer_written(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    desk = Desk(load_policy(SHOP), storage=f"sqlite:///{path}", clock=ManualClock(T0))
    try:
        desk.intake(_complaint("before"))
        path.rename(tmp_path / "moved.db")
        with pytest.raises(StorageError, match="removed or replaced"):
            desk.intake(_complaint("after"))
    finally:
        desk.storage.close()


def test_a_store_whose_file_stays_writes_on(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    url = f"sqlite:///{path}"
    desk = Desk(load_policy(SHOP), storage=url, clock=ManualClock(T0))
    try:
        for name in ("one", "two", "three"):
            desk.intake(_complaint(name))
    finally:
        desk.storage.close()
    assert _stored_keys(url) == {"one", "two", "three"}


class _Counting:
    """A notifier counting each subject it sends."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, message: Message) -> None:
        self.sent.append(message.subject)


def test_a_delivery_worker_sends_nothing_from_a_removed_file(tmp_path: Path) -> None:
    """Its attempts could not be recorded any more, so each pass sent the same message."""
    path = tmp_path / "cases.db"
    mail = _Counting()
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        storage.enqueue(
            [
                Outgoing.message(
                    "mail", Message(to="a@b.c", subject=f"m{i}", body="b", case_id="CK-1"), T0
                )
                for i in range(3)
            ]
        )
        path.unlink()
        worker = DeliveryWorker(storage, {"mail": mail}, ManualClock(T0))
        for _ in range(3):  # a loop's passes
            with pytest.raises(StorageError, match="removed or replaced"):
                worker.run_once()
    assert mail.sent == []


def test_a_store_named_by_a_relative_path_writes_on_in_another_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite keeps the file its relative path named when the process moves elsewhere."""
    monkeypatch.chdir(tmp_path)
    desk = Desk(load_policy(SHOP), storage="sqlite:///cases.db", clock=ManualClock(T0))
    try:
        desk.intake(_complaint("here"))
        (tmp_path / "elsewhere").mkdir()
        monkeypatch.chdir(tmp_path / "elsewhere")
        desk.intake(_complaint("from elsewhere"))
    finally:
        desk.storage.close()
    assert _stored_keys(f"sqlite:///{tmp_path / 'cases.db'}") == {"here", "from elsewhere"}


def test_after_a_change_of_folder_the_store_locks_and_checkpoints_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The outbox lock and the checkpoint thread's connection were named from the working
    folder of the moment: another worker's lock was not seen, and the thread made an empty
    database of the same name in the new folder."""
    monkeypatch.chdir(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    mail = _Counting()
    desk = Desk(load_policy(SHOP), storage="sqlite:///cases.db", clock=ManualClock(T0))
    try:
        monkeypatch.chdir(elsewhere)
        desk.intake_many([_complaint("one"), _complaint("two")])  # a batch: the thread runs
        desk.storage.enqueue(
            [Outgoing.message("mail", Message(to="a@b.c", subject="m", body="b"), T0)]
        )
        held = os.open(
            f"{os.path.realpath(tmp_path / 'cases.db')}-outbox.lock", os.O_RDWR | os.O_CREAT
        )
        try:
            fcntl.flock(held, fcntl.LOCK_EX)  # another worker's
            report = DeliveryWorker(desk.storage, {"mail": mail}, ManualClock(T0)).run_once()
        finally:
            os.close(held)
    finally:
        desk.storage.close()
    assert report.busy
    assert mail.sent == []
    assert list(elsewhere.iterdir()) == []


def test_a_store_only_read_leaves_no_files_beside_it_after_a_change_of_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    SQLiteStorage("sqlite:///cases.db").close()
    (tmp_path / "elsewhere").mkdir()
    reader = SQLiteStorage.reading("sqlite:///cases.db")
    try:
        assert list(reader.find(CaseQuery())) == []
        monkeypatch.chdir(tmp_path / "elsewhere")
    finally:
        reader.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.db", "elsewhere"]
