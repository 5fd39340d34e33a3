# ruff: noqa: RUF001 -- Chinese test text uses full-width punctuation on purpose
"""A letter in Chinese crosses any SMTP server intact: its body is sent 7-bit clean
(base64 or quoted-printable) rather than as raw 8-bit bytes, which RFC 6152 allows only
to a server that offers 8BITMIME and only when MAIL FROM declares ``BODY=8BITMIME`` — a
relay that offers nothing may strip the high bit and garble every character."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.testing.server import free_port
from loopback import LoopbackServer

BODIES = ["王芳您好，我们已收到您的投诉。", "Dear Zoë — we are sorry.", "x" * 1200 + "é"]


class PlainRelay(LoopbackServer):
    """An SMTP server that offers no extension at all (no 8BITMIME); keeps what it got."""

    def __init__(self) -> None:
        self.envelopes: list[bytes] = []
        self.messages: list[bytes] = []
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        with connection.makefile("rb") as lines:
            connection.sendall(b"220 relay.test SMTP\r\n")
            while line := lines.readline():
                verb = line[:4].upper()
                if verb == b"EHLO":
                    connection.sendall(b"250 relay.test\r\n")
                elif verb in (b"MAIL", b"RCPT", b"RSET"):
                    self.envelopes.append(line)
                    connection.sendall(b"250 OK\r\n")
                elif verb == b"DATA":
                    connection.sendall(b"354 go ahead\r\n")
                    self.messages.append(b"".join(iter(lines.readline, b".\r\n")))
                    connection.sendall(b"250 queued\r\n")
                elif verb == b"QUIT":
                    connection.sendall(b"221 bye\r\n")
                    break


@pytest.fixture
def relay() -> Iterator[PlainRelay]:
    server = PlainRelay()
    try:
        yield server
    finally:
        server.close()


def _send(port: int, body: str) -> None:
    notifier = SmtpNotifier(sender="客服 <care@shop.example>", host="127.0.0.1", port=port)
    notifier.send(Message(to="王芳 <wang@example.cn>", subject="您的投诉", body=body))


@pytest.mark.parametrize("body", BODIES)
def test_a_server_without_8bitmime_gets_a_7bit_body_that_reads_back_intact(
    relay: PlainRelay, body: str
) -> None:
    _send(relay.port, body)
    (raw,) = relay.messages
    assert raw.isascii()
    lines = raw.replace(b"\r\n", b"\n")
    parsed = email.message_from_bytes(lines, EmailMessage, policy=email.policy.default)
    assert parsed.get_content().rstrip("\n") == body
    assert parsed["To"] == "王芳 <wang@example.cn>"


class Envelopes:
    def __init__(self) -> None:
        self.got: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.got.append((envelope.mail_options, envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


@pytest.mark.parametrize("body", BODIES)
def test_a_server_with_8bitmime_never_gets_8bit_data_it_was_not_told_of(body: str) -> None:
    handler, port = Envelopes(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        _send(port, body)
    finally:
        controller.stop()
    ((options, content),) = handler.got
    assert content.isascii() or "BODY=8BITMIME" in options
