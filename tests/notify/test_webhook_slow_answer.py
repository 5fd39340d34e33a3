"""A receiver that answers one byte at a time never holds a webhook attempt past its
``timeout``: the attempt fails as a timeout, to be retried later (a real socket)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.webhook import WebhookNotifier
from loopback import LoopbackServer


class Dripping(LoopbackServer):
    """Accepts connections, reads the request, then sends its answer a byte at a time."""

    threads = True

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        connection.recv(65536)
        try:
            for byte in self.answer:
                connection.sendall(bytes([byte]))
                if self.stop.wait(0.3):
                    return
        except OSError:  # the sender gave up
            return


@pytest.fixture(params=[b"HTTP/1.1 200 OK\r\n" + b"X-Pad: y\r\n" * 1000 + b"\r\n", b"H" * 10000])
def dripping(request: pytest.FixtureRequest) -> Iterator[Dripping]:
    server = Dripping(request.param)
    try:
        yield server
    finally:
        server.close()


def test_a_dripping_answer_ends_the_attempt_as_a_retryable_timeout(dripping: Dripping) -> None:
    notifier = WebhookNotifier(url=f"http://127.0.0.1:{dripping.port}/hook", timeout=1)
    message = Message(to="ops", subject="s", body="b", delivery_id="d-1")
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            notifier.send(message)
        except Exception as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    sender = threading.Thread(target=attempt, daemon=True)
    sender.start()
    sender.join(GENEROUS)
    assert outcome, "the attempt was still waiting for the answer"
    (failure,) = outcome
    assert isinstance(failure, DeliveryFailed)
    assert "no answer within" in str(failure)
    assert failure.final is False


#: Far beyond the notifier's timeout; only a hung attempt takes this long.
GENEROUS = 60
