"""A receiver that answers before it has read the whole body — a gateway refusing a body too
large (413) or a key that is wrong (401) as soon as it has read the headers, then hanging
up — has answered: the attempt fails by that answer (a 413 final, a 503 retried when it
asks), not as "no answer: Broken pipe", which was retried, the whole body posted again at
every attempt, to end as a dead letter that never said what the receiver said."""

from __future__ import annotations

import socket

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.webhook import WebhookNotifier
from loopback import LoopbackServer, started

#: Larger than what the loopback connection buffers, so the receiver hangs up mid-body.
BODY = "投诉" * 4_000_000


class Refusing(LoopbackServer):
    """Reads each request's headers, answers ``answer`` (or nothing) and hangs up."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        with connection.makefile("rb") as lines:
            while lines.readline() not in (b"\r\n", b""):
                pass
        connection.sendall(self.answer)
        connection.shutdown(socket.SHUT_RDWR)


receivers = pytest.fixture(started, name="receivers")


def post(receivers: list[Refusing], answer: bytes) -> DeliveryFailed:
    receiver = Refusing(answer)
    receivers.append(receiver)
    message = Message(to="ops", subject="s", body=BODY, case_id="CK-1", delivery_id="d-1")
    with pytest.raises(DeliveryFailed) as caught:
        WebhookNotifier(url=receiver.url, timeout=20).send(message)
    return caught.value


@pytest.mark.parametrize("status", [413, 401])
def test_a_refusal_before_the_body_is_read_is_the_answer(
    receivers: list[Refusing], status: int
) -> None:
    failed = post(receivers, f"HTTP/1.1 {status} No\r\nContent-Length: 0\r\n\r\n".encode())
    assert f"HTTP {status}" in str(failed)
    assert failed.final


def test_a_busy_answer_before_the_body_is_read_asks_its_wait(receivers: list[Refusing]) -> None:
    answer = b"HTTP/1.1 503 Busy\r\nRetry-After: 120\r\nContent-Length: 0\r\n\r\n"
    failed = post(receivers, answer)
    assert "HTTP 503" in str(failed)
    assert not failed.final
    assert failed.retry_after is not None


def test_hanging_up_mid_body_with_no_answer_is_no_answer(receivers: list[Refusing]) -> None:
    failed = post(receivers, b"")
    assert "no answer" in str(failed)
    assert not failed.final
