"""A send that did not deliver though it raised nothing — an ``async def`` one, whose
coroutine never runs, or one answering ``False`` — is a failed attempt, not a delivery:
recorded as delivered, the message was lost without a word."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from typing import Any, ClassVar

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
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
    assert delivery.last_error == "KeyError: 'recipient_id'"
