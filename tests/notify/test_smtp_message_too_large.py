"""A message larger than the server's fixed limit is named as that, not as a refused sender.

A server announcing ``SIZE`` in its answer to ``EHLO`` refuses a ``MAIL FROM`` whose
declared size exceeds it with a ``552`` (RFC 1870). The dead letter said "refused the
sender care@shop.example: 552 …", sending the operator to mend the sender's address; it
now says the message is too large, how large it is and what the server takes (a real
aiosmtpd on loopback with a small limit).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.testing.server import free_port

LIMIT = 2000


class Inbox:
    def __init__(self) -> None:
        self.accepted = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.accepted += 1
        return "250 OK"


@pytest.fixture
def server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, data_size_limit=LIMIT)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def send(port: int, body: str) -> None:
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    notifier.send(Message(to="sam@example.com", subject="您的投诉", body=body, delivery_id="d-1"))


def test_a_message_over_the_servers_size_is_final_and_named_too_large(
    server: tuple[Inbox, int],
) -> None:
    inbox, port = server
    with pytest.raises(DeliveryFailed) as caught:
        send(port, "非常抱歉。" * 400)
    text = str(caught.value)
    assert caught.value.final is True
    assert text.startswith(f"smtp 127.0.0.1:{port}: ")
    assert "refused the sender" not in text
    assert "too large" in text
    assert "552" in text
    assert f"at most {LIMIT} bytes" in text
    assert inbox.accepted == 0


def test_a_message_within_the_size_is_sent(server: tuple[Inbox, int]) -> None:
    inbox, port = server
    send(port, "非常抱歉。")
    assert inbox.accepted == 1
