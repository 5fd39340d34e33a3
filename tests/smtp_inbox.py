"""A real SMTP server on loopback (aiosmtpd): ``receiving`` runs one with a test's handler,
``Inbox`` and ``ParsedInbox`` are handlers keeping every message received."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from typing import Any, TypeVar

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from complaintkit.testing.server import free_port

_Handler = TypeVar("_Handler")


class Inbox(MessageHandler):
    """Keeps each message as aiosmtpd reads it."""

    def __init__(self) -> None:
        super().__init__(message_class=EmailMessage)
        self.received: list[EmailMessage] = []

    def handle_message(self, message: EmailMessage) -> None:  # type: ignore[override]
        self.received.append(message)


class ParsedInbox(Inbox):
    """Keeps each message as ``email.policy.default`` reads it (headers that decode their
    words, ``get_content``), as a mail client would."""

    def handle_message(self, message: EmailMessage) -> None:  # type: ignore[override]
        self.received.append(
            email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
        )


@contextmanager
def receiving(handler: _Handler, **options: Any) -> Iterator[tuple[_Handler, int]]:
    """``handler`` and the loopback port its server listens on (given aiosmtpd's
    ``options``), stopped after the block."""
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
