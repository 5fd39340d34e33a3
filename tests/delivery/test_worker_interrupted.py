"""A worker stopped mid-pass (a kill, Ctrl-C) has recorded every message it sent: the next
pass sends only the unsent ones, at most the one in flight twice."""

from __future__ import annotations

import contextlib
from collections import Counter
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import embedded_backends
from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.model.message import Message
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


storage = embedded_backends.storage


class StopsAfter:
    """Delivers ``limit`` messages, then the process is interrupted in the next send."""

    def __init__(self, limit: int | None, sent: Counter[str]) -> None:
        self.limit = limit
        self.sent = sent

    def send(self, message: Message) -> None:
        if self.limit is not None and self.sent.total() >= self.limit:
            raise KeyboardInterrupt
        self.sent[message.delivery_id] += 1


def enqueue(storage: Storage, count: int) -> set[str]:
    items = [
        Outgoing.message("mail", Message(to=f"c{n}@example.com", subject="s", body="b"), T0)
        for n in range(count)
    ]
    storage.enqueue(items)
    return {item.delivery_id for item in items}


def deliver(storage: Storage, sent: Counter[str], limit: int | None, batch: int) -> None:
    worker = DeliveryWorker(
        storage, {"mail": StopsAfter(limit, sent)}, ManualClock(T0), batch=batch
    )
    worker.run_once()


def test_an_interrupted_pass_leaves_only_the_unsent_pending(storage: Storage) -> None:
    ids = enqueue(storage, 250)
    sent: Counter[str] = Counter()
    with pytest.raises(KeyboardInterrupt):
        deliver(storage, sent, 84, batch=100)
    assert len(storage.deliveries("delivered")) == 84
    deliver(storage, sent, None, batch=100)
    assert set(sent) == ids
    assert max(sent.values()) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(0, 30),
    stop_after=st.integers(0, 30),
    batch=st.integers(1, 12),
)
def test_every_message_is_sent_once_across_an_interruption(
    count: int, stop_after: int, batch: int
) -> None:
    with MemoryStorage() as storage:
        ids = enqueue(storage, count)
        sent: Counter[str] = Counter()
        with contextlib.suppress(KeyboardInterrupt):
            deliver(storage, sent, stop_after, batch)
        deliver(storage, sent, None, batch)
        assert set(sent) == ids
        assert all(times == 1 for times in sent.values())
