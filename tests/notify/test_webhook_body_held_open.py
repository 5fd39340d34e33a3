"""A ``2xx`` answer with neither a ``Content-Length`` nor chunks ends only when the
receiver hangs up; one that keeps the connection open held the attempt until its whole
``timeout`` ran out, reading for a chat robot's verdict. The status arrived, so the message
was taken: the body is read only until its JSON object closes (or shows it is none), and
waited for only briefly after the status; a refusal read in it is still a refusal (real
receivers on loopback that never hang up)."""

from __future__ import annotations

import socket
import time

import pytest
from canned_receiver import message

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify import answer_body
from complaintkit.notify.webhook import WebhookNotifier
from loopback import LoopbackServer

#: The notifier's time limit: only an attempt held to its end takes half as long.
TIMEOUT = 30


class HoldingOpen(LoopbackServer):
    """Answers ``200 OK`` with ``body`` and no length, then keeps the connection open."""

    threads = True

    def __init__(self, body: bytes) -> None:
        self.body = body
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        connection.recv(65536)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + self.body)
        self.stop.wait(TIMEOUT * 2)


def _attempt(body: bytes) -> tuple[DeliveryFailed | None, float]:
    receiver = HoldingOpen(body)
    started = time.monotonic()
    try:
        WebhookNotifier(url=receiver.url, timeout=TIMEOUT).send(message())
    except DeliveryFailed as exc:
        return exc, time.monotonic() - started
    finally:
        receiver.close()
    return None, time.monotonic() - started


@pytest.fixture(autouse=True)
def brief_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """The wait for a body after the status, short for these tests."""
    monkeypatch.setattr(answer_body, "VERDICT_WAIT", 0.5)


@pytest.mark.parametrize(
    "body",
    [
        b'{"errcode": 0, "errmsg": "ok"}',
        b"",
        b"ok",
        b'{"errcode": 0, "errmsg": "ok", "data": ',
        b"  \r\n",
    ],
)
def test_a_taken_message_is_delivered_without_waiting_for_the_hang_up(body: bytes) -> None:
    failed, took = _attempt(body)
    assert failed is None
    assert took < TIMEOUT / 2


@pytest.mark.parametrize(
    "body",
    [
        b'{"errcode": 310000, "errmsg": "keywords not in content"}',
        b'{"errcode": 310000, "errmsg": "keywords not in content", "more": [',
    ],
)
def test_a_refusal_is_told_without_waiting_for_the_hang_up(body: bytes) -> None:
    failed, took = _attempt(body)
    assert failed is not None
    assert "errcode 310000" in str(failed)
    assert failed.final
    assert took < TIMEOUT / 2
