"""The store failing part-way through a delivery pass (a full disk, a file made read-only:
its commit raises while recording an attempt). The pass ends with the store's error (from a
store defined outside complaintkit, as these are, a PluginError naming it); what
was recorded before stays delivered, the outbox is free for the next pass, and the delivery
whose record failed was sent but is still pending: the next pass sends it again, under the
same delivery id. At least once, never lost; at most that one twice."""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.outgoing import Attempt, Delivery, Outgoing
from complaintkit.errors import PluginError, StorageError
from complaintkit.model.message import Message
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class FailingCommit:
    """A store whose ``fail_at``-th recording of attempts fails as its commit would: the
    attempts written, then the transaction raising and rolled back."""

    fail_at: int | None = None
    records = 0

    def record_attempts(self, attempts: Sequence[tuple[Delivery, Attempt]]) -> None:
        self.records += 1
        with self.transaction():  # type: ignore[attr-defined]
            super().record_attempts(attempts)  # type: ignore[misc]
            if self.records == self.fail_at:
                raise sqlite3.OperationalError("database or disk is full")


class FailingMemory(FailingCommit, MemoryStorage):
    pass


class FailingSQLite(FailingCommit, SQLiteStorage):
    pass


class Counting:
    def __init__(self) -> None:
        self.sent: Counter[str] = Counter()

    def send(self, message: Message) -> None:
        self.sent[message.delivery_id] += 1


def enqueue(storage: Storage, count: int) -> list[str]:
    items = [
        Outgoing.message("mail", Message(to=f"c{n}@example.com", subject="s", body="b"), T0)
        for n in range(count)
    ]
    storage.enqueue(items)
    return [item.delivery_id for item in items]


def deliver(storage: Storage, mail: Counting, batch: int = 100) -> None:
    DeliveryWorker(storage, {"mail": mail}, ManualClock(T0), batch=batch).run_once()


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_the_delivery_whose_record_failed_is_sent_again_and_nothing_is_lost(
    kind: str, tmp_path: Path
) -> None:
    storage: FailingCommit = (
        FailingMemory() if kind == "memory" else FailingSQLite(f"sqlite:///{tmp_path}/c.db")
    )
    assert isinstance(storage, Storage)
    with storage:
        ids = enqueue(storage, 5)
        storage.fail_at = 3
        mail = Counting()
        with pytest.raises((PluginError, StorageError)) as ended:
            deliver(storage, mail)
        if isinstance(ended.value, PluginError):
            assert isinstance(ended.value.__cause__, sqlite3.OperationalError)
        assert [d.outgoing.delivery_id for d in storage.deliveries("delivered")] == ids[:2]
        assert len(storage.deliveries("pending")) == 3
        with storage.hold_outbox() as held:
            assert held  # the failed pass let go of the outbox
        storage.fail_at = None
        deliver(storage, mail)
        assert len(storage.deliveries("delivered")) == 5
        assert mail.sent == Counter({**dict.fromkeys(ids, 1), ids[2]: 2})


@settings(max_examples=40, deadline=None)
@given(count=st.integers(1, 20), fail_at=st.integers(1, 20), batch=st.integers(1, 8))
def test_every_delivery_is_sent_at_least_once_at_most_one_twice(
    count: int, fail_at: int, batch: int
) -> None:
    with FailingMemory() as storage:
        ids = enqueue(storage, count)
        storage.fail_at = fail_at
        mail = Counting()
        with contextlib.suppress(PluginError):  # the pass the store ended
            deliver(storage, mail, batch)
        storage.fail_at = None
        deliver(storage, mail, batch)
        assert set(mail.sent) == set(ids)
        assert sum(times - 1 for times in mail.sent.values()) <= 1
