"""A worker loop (``deliver --loop``, ``tick --loop``) stopped during a delivery pass said
"waiting … for the delivery in flight" whenever the pass had not ended, though it was only
reading the outbox and no notifier was called: the line promised a wait for nothing. It is
said now only when a delivery is being sent; and a worker already told to stop sends
nothing more (it sent the first due delivery of its pass whatever ``stop`` said)."""

from __future__ import annotations

import os
import signal
import threading
from datetime import UTC, datetime

import pytest

from complaintkit.cli import in_flight
from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.model.message import Message
from complaintkit.storage.memory import MemoryStorage

#: Long enough for any machine, never reached when the test passes.
GENEROUS = 60
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_a_pass_stopped_while_no_delivery_is_sent_says_no_wait(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def reading_the_outbox(stop: threading.Event, *_: object) -> str:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the pass reads, sending nothing
        assert stop.wait(GENEROUS)
        return "ended"

    assert in_flight.deliver_pass("deliver", threading.Event(), reading_the_outbox) == "ended"
    assert "in flight" not in capsys.readouterr().err


class Counting:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, message: Message) -> None:
        self.sent.append(message.to)


def test_a_worker_told_to_stop_sends_nothing() -> None:
    storage = MemoryStorage()
    storage.enqueue(
        [Outgoing.message("mail", Message(to="c@example.com", subject="s", body="b"), T0)]
    )
    mail = Counting()
    stop = threading.Event()
    stop.set()
    report = DeliveryWorker(storage, {"mail": mail}, ManualClock(T0)).run_once(stop=stop)
    assert mail.sent == []
    assert report.delivered == 0
    assert [(d.state, d.attempts) for d in storage.deliveries()] == [("pending", 0)]
