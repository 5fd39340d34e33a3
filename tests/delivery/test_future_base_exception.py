"""A notifier may answer a ``Future`` of the work it handed to a thread; the worker takes
its outcome as the answer. A future whose work raised ``SystemExit`` (``sys.exit`` in the
thread) or ``KeyboardInterrupt`` raised them again out of ``Future.result()``, outside the
containment of the notifier's call: the pass ended before recording the attempt, so
``serve``'s delivery thread ended without a word and ``deliver --loop`` exited, and every
later pass ended on the same delivery, the deliveries queued behind it never sent. It is
now the notifier's failure like any other: recorded, retried, the rest sent."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from datetime import UTC, datetime
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryReport, DeliveryWorker
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.model.events import CaseEvent
from complaintkit.model.message import Message
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
RAISED = [SystemExit(0), KeyboardInterrupt()]


def _failed(error: BaseException) -> Future[None]:
    future: Future[None] = Future()
    future.set_exception(error)
    return future


class Handing:
    """Sends the first message through a thread whose work raised ``error``; the rest go."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        self.sent: list[str] = []

    def send(self, message: Message) -> Future[None] | None:
        if message.to == "first@example.com":
            return _failed(self.error)
        self.sent.append(message.to)
        return None

    def publish_many(self, items: list[tuple[CaseEvent, str]]) -> list[Any]:
        return [_failed(self.error) for _ in items]


def _off_the_main_thread(worker: DeliveryWorker) -> DeliveryReport | BaseException:
    """``run_once`` on a thread of its own, as serve's and the loops' passes run."""
    ended: list[DeliveryReport | BaseException] = []

    def run() -> None:
        try:
            ended.append(worker.run_once())
        except BaseException as exc:
            ended.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return ended[0]


@pytest.mark.parametrize("error", RAISED, ids=lambda e: type(e).__name__)
def test_a_future_of_a_send_that_raised_fails_the_attempt(error: BaseException) -> None:
    storage = MemoryStorage()
    storage.enqueue(
        [
            Outgoing.message("mail", Message(to=f"{who}@example.com", subject="s", body="b"), T0)
            for who in ("first", "second")
        ]
    )
    mail = Handing(error)
    report = _off_the_main_thread(DeliveryWorker(storage, {"mail": mail}, ManualClock(T0)))
    assert report == DeliveryReport(delivered=1, retrying=1)
    assert mail.sent == ["second@example.com"]
    first, _ = storage.deliveries()
    assert (first.state, first.attempts) == ("pending", 1)
    assert type(error).__name__ in first.last_error or "sys.exit" in first.last_error


@pytest.mark.parametrize("error", RAISED, ids=lambda e: type(e).__name__)
def test_a_future_of_a_publish_that_raised_fails_the_event(error: BaseException) -> None:
    storage = MemoryStorage()
    event = CaseEvent("CK-1", 1, "opened", T0, "intake")
    storage.enqueue([Outgoing.event("bus", event, T0)])
    report = _off_the_main_thread(DeliveryWorker(storage, {"bus": Handing(error)}, ManualClock(T0)))
    assert report == DeliveryReport(retrying=1)
    (published,) = storage.deliveries()
    assert (published.state, published.attempts) == ("pending", 1)
