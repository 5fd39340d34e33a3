"""A send that did not deliver though it raised nothing — an ``async def`` one, whose
coroutine never runs, or one answering ``False`` — is a failed attempt, not a delivery:
recorded as delivered, the message was lost without a word."""

from __future__ import annotations

import warnings
from concurrent.futures import Future
from datetime import UTC, datetime
from typing import Any, ClassVar

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.model.events import CaseEvent
from complaintkit.notify.base import Message
from complaintkit.storage.memory import MemoryStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MESSAGE = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")


class Async:
    sent: ClassVar[list[Message]] = []

    async def send(self, message: Message) -> None:
        self.sent.append(message)


class Falsy:
    def send(self, message: Message) -> bool:
        return False


class Answering:
    """Returns what its client library returned (a response object, True): delivered."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer

    def send(self, message: Message) -> Any:
        return self.answer


def _run(notifier: object) -> MemoryStorage:
    storage = MemoryStorage()
    storage.enqueue([Outgoing.message("hook", MESSAGE, T0)])
    DeliveryWorker(storage, {"hook": notifier}, ManualClock(T0)).run_once()
    return storage


def test_an_async_send_is_given_up_at_once_naming_why() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # its coroutine is closed, never left un-awaited
        storage = _run(Async())
    (delivery,) = storage.deliveries()
    assert delivery.state == "dead"
    assert "async def" in delivery.last_error
    assert Async.sent == []


def test_a_send_answering_false_is_retried() -> None:
    (delivery,) = _run(Falsy()).deliveries()
    assert delivery.state == "pending"
    assert delivery.attempts == 1
    assert "answered False" in delivery.last_error


def test_other_answers_are_deliveries() -> None:
    for answer in (None, True, 0, {"status": 250}, "250 OK"):
        (delivery,) = _run(Answering(answer)).deliveries()
        assert delivery.state == "delivered", answer


class Buggy:
    """A notifier plugin's bug: a lookup that fails, whose text alone is just ``'k'``."""

    def send(self, message: Message) -> None:
        raise KeyError("recipient_id")


def test_a_send_failing_with_a_bug_is_named_by_its_exception_type() -> None:
    (delivery,) = _run(Buggy()).deliveries()
    assert delivery.state == "pending"
    assert delivery.last_error.startswith("KeyError: 'recipient_id' (a bug in notifier 'hook'")


class Handing:
    """Hands the message to a thread and answers that thread's future."""

    def __init__(self, future: Future[Any]) -> None:
        self.future = future

    def send(self, message: Message) -> Future[Any]:
        return self.future


def test_a_send_answering_a_future_still_running_is_no_delivery_nor_sent_again() -> None:
    running: Future[Any] = Future()  # its thread has not finished: delivered or not, unknown
    (delivery,) = _run(Handing(running)).deliveries()
    assert delivery.state == "dead"
    assert "'hook'" in delivery.last_error
    assert "Future" in delivery.last_error


def test_a_send_answering_a_finished_future_is_read_by_its_outcome() -> None:
    failed: Future[Any] = Future()
    failed.set_exception(ConnectionResetError("reset by peer"))
    (delivery,) = _run(Handing(failed)).deliveries()
    assert (delivery.state, delivery.last_error) == ("pending", "reset by peer")
    falsy: Future[Any] = Future()
    falsy.set_result(False)
    assert _run(Handing(falsy)).deliveries()[0].state == "pending"
    done: Future[Any] = Future()
    done.set_result({"status": 200})
    assert _run(Handing(done)).deliveries()[0].state == "delivered"


class HandingEach:
    """Publishes each event on a thread and answers the futures, one per event."""

    def __init__(self, futures: list[Future[Any]]) -> None:
        self.futures = futures

    def send(self, message: Message) -> None:
        pass

    def publish_many(self, items: list[Any]) -> list[Future[Any]]:
        return self.futures


def test_a_failed_future_of_publish_many_fails_its_own_event_alone() -> None:
    published: Future[Any] = Future()
    published.set_result(None)
    failed: Future[Any] = Future()
    failed.set_exception(ConnectionResetError("reset by peer"))
    storage = MemoryStorage()
    events = [
        CaseEvent(case_id=f"CK-{n}", seq=1, kind="opened", at=T0, actor="system", data={})
        for n in (1, 2)
    ]
    storage.enqueue([Outgoing.event("bus", event, T0) for event in events])
    notifier = HandingEach([published, failed])
    DeliveryWorker(storage, {"bus": notifier}, ManualClock(T0)).run_once()
    states = sorted((d.state, d.last_error) for d in storage.deliveries())
    assert states == [("delivered", ""), ("pending", "reset by peer")]
