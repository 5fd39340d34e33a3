"""A server's 2xx after a message's end is its acceptance, whatever its last two digits.

RFC 5321 (4.2.1, 4.3.2) has clients read a reply by its first digit: 2 is "the requested
action has been successfully completed", and a client must be prepared for codes it does
not know. smtplib takes only ``250`` after the message's end, raising ``SMTPDataError``
for a ``251`` or ``252``: the notifier took that for a refusal and sent the message again
at every retry, so the customer got the letter once per attempt, and a dead letter said it
was never sent. A 2xx to the ``DATA`` command itself, before the message was sent, is no
acceptance of it (real aiosmtpd and a real socket on localhost)."""

from __future__ import annotations

import socket
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.storage.memory import MemoryStorage
from smtp_inbox import receiving


class Accepting:
    """Accepts every message with ``answer`` after its end, counting what it kept."""

    def __init__(self) -> None:
        self.answer = "250 OK"
        self.kept = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.kept += 1
        return self.answer


def message(delivery_id: str = "d-1") -> Message:
    return Message(to="sam@example.com", subject="受理", body="已收到。", delivery_id=delivery_id)


def test_any_2xx_after_the_message_is_a_delivery() -> None:
    with receiving(Accepting()) as (handler, port):
        notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)

        @settings(max_examples=25, deadline=None)
        @given(code=st.integers(200, 299))
        def sent_once(code: int) -> None:
            handler.answer, handler.kept = f"{code} 2.0.0 queued", 0
            notifier.send(message())
            assert handler.kept == 1

        sent_once()


def test_a_251_after_the_message_is_delivered_once_through_the_outbox() -> None:
    handler = Accepting()
    handler.answer = "251 2.1.5 user not local; will forward"
    with receiving(handler) as (_, port):
        storage = MemoryStorage()
        clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        storage.enqueue([Outgoing.message("mail", message(), clock.now())])
        notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
        worker = DeliveryWorker(storage, {"mail": notifier}, clock)
        first = worker.run_once()
        clock.advance(timedelta(hours=7))
        worker.run_once()
    assert first.delivered == 1
    assert handler.kept == 1
    assert [d.state for d in storage.deliveries()] == ["delivered"]
    assert storage.dead_letters() == []


def answering_data_with(reply: bytes) -> tuple[socket.socket, list[bytes]]:
    """A server that answers the DATA command itself with ``reply`` (no 354): the message
    is never sent. Returns its listener and the lines it read."""
    listener = socket.create_server(("127.0.0.1", 0))
    read: list[bytes] = []

    def serve() -> None:
        connection, _ = listener.accept()
        with connection, connection.makefile("rb") as lines:
            connection.sendall(b"220 mail.test ESMTP\r\n")
            while line := lines.readline():
                read.append(line)
                verb = line[:4].upper()
                if verb == b"EHLO":
                    connection.sendall(b"250 mail.test\r\n")
                elif verb == b"DATA":
                    connection.sendall(reply)
                elif verb == b"QUIT":
                    connection.sendall(b"221 bye\r\n")
                    return
                else:
                    connection.sendall(b"250 OK\r\n")

    threading.Thread(target=serve, daemon=True).start()
    return listener, read


@pytest.mark.parametrize("reply", [b"250 OK\r\n", b"251 fine\r\n"])
def test_a_2xx_to_the_data_command_before_the_message_is_no_delivery(reply: bytes) -> None:
    listener, read = answering_data_with(reply)
    port = listener.getsockname()[1]
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
    try:
        with pytest.raises(DeliveryFailed) as caught:
            notifier.send(message())
    finally:
        listener.close()
    assert caught.value.final is False
    assert not any(b"Subject" in line for line in read)  # the message never went


class Taking:
    """Answers MAIL FROM and RCPT TO with ``answer`` (taking both), keeps the message."""

    def __init__(self) -> None:
        self.answer = "250 OK"
        self.kept: list[list[str]] = []

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        envelope.mail_from = address
        return self.answer

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        envelope.rcpt_tos.append(address)
        return self.answer

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.kept.append(list(envelope.rcpt_tos))
        return "250 OK"


def test_any_2xx_to_the_sender_and_recipient_takes_them() -> None:
    """smtplib takes 250 alone for MAIL FROM, and 250 or 251 for RCPT TO: a 252 (a server
    that cannot verify the mailbox but will try) was read as a refusal, and the message,
    never sent, was retried to its last attempt and dead-lettered."""
    with receiving(Taking()) as (handler, port):
        notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)

        @settings(max_examples=25, deadline=None)
        @given(code=st.integers(200, 299))
        def taken(code: int) -> None:
            handler.answer, handler.kept = f"{code} 2.1.5 ok", []
            notifier.send(message())
            assert handler.kept == [["sam@example.com"]]

        taken()
