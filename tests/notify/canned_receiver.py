"""A webhook receiver on loopback that answers every request with the same bytes, written
raw, so that a test can answer what http.client reads badly (interim answers, headers it
will not read); it counts the requests it read whole."""

from __future__ import annotations

import contextlib
import socket
from datetime import UTC, datetime, timedelta

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.delivery.worker import DeliveryReport
from complaintkit.notify.base import Message
from complaintkit.notify.webhook import WebhookNotifier
from complaintkit.storage.memory import MemoryStorage
from loopback import LoopbackServer


class Receiver(LoopbackServer):
    """Reads each request whole and answers it with ``answer``; counts requests."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.requests = 0
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        with connection.makefile("rb") as lines:
            length = 0
            while (line := lines.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            lines.read(length)
            self.requests += 1
            with contextlib.suppress(OSError):  # a client that read enough hangs up
                connection.sendall(self.answer)


def message() -> Message:
    """The message the tests post."""
    return Message(to="ops", subject="s", body="b", case_id="CK-1", delivery_id="d-1")


def ok_answer(body: bytes, *headers: bytes) -> bytes:
    """A whole ``200 OK`` answer of JSON ``body``, with ``headers`` (``b"Name: value"``) too."""
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + b"".join(header + b"\r\n" for header in headers)
        + b"Content-Length: "
        + str(len(body)).encode()
        + b"\r\nConnection: close\r\n\r\n"
        + body
    )


def failure_of(answer: bytes) -> DeliveryFailed | None:
    """How one attempt to post :func:`message` to a receiver answering ``answer`` failed;
    None when it was delivered."""
    receiver = Receiver(answer)
    try:
        WebhookNotifier(url=receiver.url, timeout=10).send(message())
    except DeliveryFailed as exc:
        return exc
    finally:
        receiver.close()
    return None


def posted_twice(receiver: Receiver) -> tuple[DeliveryReport, MemoryStorage]:
    """:func:`message` posted to ``receiver`` through the outbox: one pass of a worker, then
    another seven hours on, past any retry's wait. The first pass's report, and the store."""
    storage = MemoryStorage()
    clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    storage.enqueue([Outgoing.message("ops", message(), clock.now())])
    worker = DeliveryWorker(storage, {"ops": WebhookNotifier(url=receiver.url, timeout=5)}, clock)
    first = worker.run_once()
    clock.advance(timedelta(hours=7))
    worker.run_once()
    return first, storage
