"""A real SMTP server on localhost (aiosmtpd) keeping every message it receives."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from complaintkit.testing.server import free_port


class Inbox(MessageHandler):
    def __init__(self) -> None:
        super().__init__(message_class=EmailMessage)
        self.received: list[EmailMessage] = []

    def handle_message(self, message: EmailMessage) -> None:  # type: ignore[override]
        self.received.append(message)


@contextmanager
def receiving() -> Iterator[tuple[Inbox, int]]:
    """An inbox and the loopback port its server listens on, stopped after the block."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
