"""A receiver's interim answers (1xx: ``102 Processing``, ``103 Early Hints``) come before its
answer, which is the one that counts (RFC 9110 15.2: a client must read past them).
http.client reads past ``100 Continue`` alone, and took a ``103`` for the answer: the
delivery failed as 'HTTP 103' and was posted again at every retry, though the receiver
answered ``200`` right after it (real sockets on loopback, through the outbox)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.webhook import WebhookNotifier
from complaintkit.storage.memory import MemoryStorage

EARLY_HINTS = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
PROCESSING = b"HTTP/1.1 102 Processing\r\n\r\n"


class Receiver:
    """Reads each request whole and answers it with ``answer``; counts requests."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.requests = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/hook"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed: the test is over
                return
            with connection, connection.makefile("rb") as lines:
                length = 0
                while (line := lines.readline()) not in (b"\r\n", b""):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                lines.read(length)
                self.requests += 1
                connection.sendall(self.answer)

    def close(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() under way
        self.listener.close()
        self.thread.join(5)


@pytest.fixture
def receivers() -> Iterator[list[Receiver]]:
    made: list[Receiver] = []
    try:
        yield made
    finally:
        for receiver in made:
            receiver.close()


def message() -> Message:
    return Message(to="ops", subject="s", body="b", case_id="CK-1", delivery_id="d-1")


@pytest.mark.parametrize(
    "interim",
    [EARLY_HINTS, PROCESSING, PROCESSING + EARLY_HINTS],
    ids=["103", "102", "102 and 103"],
)
def test_an_answer_after_interim_ones_is_the_answer(
    receivers: list[Receiver], interim: bytes
) -> None:
    receiver = Receiver(interim + b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    receivers.append(receiver)
    storage = MemoryStorage()
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    storage.enqueue([Outgoing.message("ops", message(), clock.now())])
    worker = DeliveryWorker(storage, {"ops": WebhookNotifier(url=receiver.url, timeout=5)}, clock)
    first = worker.run_once()
    clock.advance(timedelta(hours=7))
    worker.run_once()
    assert first.delivered == 1
    assert receiver.requests == 1


def test_a_refusal_after_an_interim_answer_is_the_refusal(receivers: list[Receiver]) -> None:
    receiver = Receiver(EARLY_HINTS + b"HTTP/1.1 410 Gone\r\nContent-Length: 0\r\n\r\n")
    receivers.append(receiver)
    with pytest.raises(DeliveryFailed, match="HTTP 410") as caught:
        WebhookNotifier(url=receiver.url, timeout=5).send(message())
    assert caught.value.final is True
