"""A receiver's answer is its status line, even when its headers cannot be read.

http.client refuses an answer of more than 100 header lines, or one whose header line is
longer than 64 KiB, raising after it read the status: a receiver that answered ``200`` so
(behind proxies that each add headers, a huge cookie) was taken for one that did not
answer, and the same delivery was posted to it again at every retry. Its status is its
answer: a 2xx is delivered, anything else fails as its status says (real sockets on
loopback, through the outbox)."""

from __future__ import annotations

import pytest
from canned_receiver import Receiver, message, posted_twice

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.webhook import WebhookNotifier
from loopback import started

MANY_HEADERS = b"".join(b"X-Hop-%d: proxy\r\n" % n for n in range(150))
LONG_HEADER = b"Set-Cookie: " + b"a" * 70_000 + b"\r\n"


def answer(status: bytes, headers: bytes) -> bytes:
    """An answer of ``status`` with ``headers`` and no body."""
    return b"HTTP/1.1 " + status + b"\r\n" + headers + b"Content-Length: 0\r\n\r\n"


receivers = pytest.fixture(started, name="receivers")


@pytest.mark.parametrize("headers", [MANY_HEADERS, LONG_HEADER], ids=["many", "long"])
def test_a_2xx_whose_headers_cannot_be_read_is_delivered_once(
    receivers: list[Receiver], headers: bytes
) -> None:
    receiver = Receiver(answer(b"200 OK", headers))
    receivers.append(receiver)
    first, storage = posted_twice(receiver)
    assert first.delivered == 1
    assert receiver.requests == 1
    assert [d.state for d in storage.deliveries()] == ["delivered"]


@pytest.mark.parametrize(
    ("status", "final"), [(b"503 Busy", False), (b"410 Gone", True), (b"429 Slow", False)]
)
def test_another_status_whose_headers_cannot_be_read_fails_as_its_status_says(
    receivers: list[Receiver], status: bytes, final: bool
) -> None:
    receiver = Receiver(answer(status, MANY_HEADERS))
    receivers.append(receiver)
    notifier = WebhookNotifier(url=receiver.url, timeout=5)
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(message())
    assert str(caught.value).startswith(f"webhook {receiver.url.removesuffix('hook')}")
    assert f"HTTP {status[:3].decode()}" in str(caught.value)
    assert caught.value.final is final
    assert caught.value.unanswered is False
