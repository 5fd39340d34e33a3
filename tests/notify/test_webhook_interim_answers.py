"""A receiver's interim answers (1xx: ``102 Processing``, ``103 Early Hints``) come before its
answer, which is the one that counts (RFC 9110 15.2: a client must read past them).
http.client reads past ``100 Continue`` alone, and took a ``103`` for the answer: the
delivery failed as 'HTTP 103' and was posted again at every retry, though the receiver
answered ``200`` right after it (real sockets on loopback, through the outbox)."""

from __future__ import annotations

import pytest
from canned_receiver import Receiver, message, posted_twice

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.webhook import WebhookNotifier
from loopback import started

EARLY_HINTS = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
PROCESSING = b"HTTP/1.1 102 Processing\r\n\r\n"


receivers = pytest.fixture(started, name="receivers")


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
    first, _ = posted_twice(receiver)
    assert first.delivered == 1
    assert receiver.requests == 1


def test_a_refusal_after_an_interim_answer_is_the_refusal(receivers: list[Receiver]) -> None:
    receiver = Receiver(EARLY_HINTS + b"HTTP/1.1 410 Gone\r\nContent-Length: 0\r\n\r\n")
    receivers.append(receiver)
    with pytest.raises(DeliveryFailed, match="HTTP 410") as caught:
        WebhookNotifier(url=receiver.url, timeout=5).send(message())
    assert caught.value.final is True
