"""What ``publish_many`` answers for each event is read as ``send``'s answer is: ``None``
or any other value but ``False`` is published (a client library's ``True``, an ack
object), an exception or ``False`` a failed attempt, retried; an awaitable or a generator
never ran. A ``True`` was taken for a failure: the event published again on every retry
(eight times by default) and then dead-lettered though it had arrived."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.model.events import CaseEvent
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class Answering:
    published: ClassVar[list[str]] = []

    def __init__(self, outcome: Any) -> None:
        self.outcome = outcome

    def send(self, message: object) -> None:
        pass

    def publish_many(self, items: list[tuple[CaseEvent, str]]) -> list[Any]:
        Answering.published.extend(delivery_id for _, delivery_id in items)
        return [self.outcome for _ in items]


def _event(n: int) -> CaseEvent:
    return CaseEvent(
        case_id=f"CK-{n}",
        seq=1,
        kind="opened",
        at=T0,
        actor="system",
        data={},
        reason="opened",
    )


def _run(outcome: Any) -> MemoryStorage:
    Answering.published = []
    storage = MemoryStorage()
    storage.enqueue([Outgoing.event("bus", _event(n), T0) for n in range(3)])
    worker = DeliveryWorker(storage, {"bus": Answering(outcome)}, ManualClock(T0))
    worker.run_once()
    worker.run_once(T0 + timedelta(days=1))
    return storage


@pytest.mark.parametrize("outcome", [None, True, "+OK", {"seq": 7}, 1])
def test_an_outcome_that_is_no_failure_is_published_once(outcome: Any) -> None:
    storage = _run(outcome)
    assert [d.state for d in storage.deliveries()] == ["delivered"] * 3
    assert len(Answering.published) == 3  # never again


@pytest.mark.parametrize(
    "outcome", [False, ValueError("nak"), asyncio.CancelledError("cancelled in gather")]
)
def test_an_exception_or_false_is_a_failed_attempt_retried(outcome: Any) -> None:
    storage = _run(outcome)
    assert all(d.state == "pending" and d.attempts == 2 for d in storage.deliveries())
