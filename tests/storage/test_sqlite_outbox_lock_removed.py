"""The SQLite outbox lock is an ``flock`` on ``<file>-outbox.lock``: a lock file removed
while a worker holds it (a clean-up of ``*.lock`` files, a restore beside a running
worker) let a second worker create a new one, lock it and send the same deliveries while
the first went on sending its whole batch. The holder now checks, as it reads and records,
that the file at the path is the one it locked: the first worker's pass ends at its next
record, so only the delivery in flight may go twice (at least once, as after a kill)."""

from __future__ import annotations

import os
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.errors import StorageError
from complaintkit.model.message import Message
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Counting:
    """Counts each subject sent; on its first send removes the lock file and runs the
    second worker's pass, as if it ran in another process then."""

    def __init__(self, lock: Path) -> None:
        self.lock = lock
        self.sent: Counter[str] = Counter()
        self.second: DeliveryWorker | None = None

    def send(self, message: Message) -> None:
        self.sent[message.subject] += 1
        if self.second is not None:
            second, self.second = self.second, None
            os.unlink(self.lock)
            assert second.run_once().delivered >= 9


def test_a_removed_lock_file_ends_the_holders_pass_instead_of_sending_twice(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    with SQLiteStorage(url) as first, SQLiteStorage(url) as other:
        first.enqueue(
            [
                Outgoing.message(
                    "mail", Message(to="a@b.c", subject=f"m{i}", body="b", case_id="CK-1"), T0
                )
                for i in range(10)
            ]
        )
        mail = Counting(Path(f"{os.path.realpath(tmp_path / 'cases.db')}-outbox.lock"))
        clock = ManualClock(T0)
        mail.second = DeliveryWorker(other, {"mail": mail}, clock)
        with pytest.raises(StorageError, match="outbox lock"):
            DeliveryWorker(first, {"mail": mail}, clock).run_once()
        twice = [subject for subject, count in mail.sent.items() if count > 1]
        assert twice == ["m0"]  # the one in flight, sent again as after a kill
        assert set(mail.sent) == {f"m{i}" for i in range(10)}
        assert len(first.deliveries("delivered")) == 10


def test_the_holder_of_a_removed_lock_file_reads_no_more_due_deliveries(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cases.db'}"
    with SQLiteStorage(url) as first, SQLiteStorage(url) as other, first.hold_outbox() as held:
        assert held
        os.unlink(f"{os.path.realpath(tmp_path / 'cases.db')}-outbox.lock")
        with other.hold_outbox() as also:
            assert also  # a new lock file: the other worker holds the outbox now
            with pytest.raises(StorageError, match="outbox lock"):
                first.due_deliveries(T0, 10)
            assert other.due_deliveries(T0, 10) == []
