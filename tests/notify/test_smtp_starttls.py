"""STARTTLS against a loopback aiosmtpd that requires it (a test certificate the client is
told to trust): the mail arrives, and the whole attempt stays within ``timeout`` on the
encrypted connection too."""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.testing.server import free_port
from smtp_inbox import receiving

FIXTURES = Path(__file__).parent.parent / "fixtures"
CERT, KEY = FIXTURES / "smtp_tls_cert.pem", FIXTURES / "smtp_tls_key.pem"


class Inbox:
    def __init__(self, stall: float = 0) -> None:
        self.stall = stall
        self.arrived: list[Envelope] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        await asyncio.sleep(self.stall)
        self.arrived.append(envelope)
        return "250 OK"


@contextmanager
def serve(inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setenv("SSL_CERT_FILE", str(CERT))  # the client trusts the test certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    with receiving(inbox, tls_context=context, require_starttls=True) as (_, port):
        yield port


def send(port: int, timeout: float) -> None:
    notifier = SmtpNotifier(
        sender="care@shop.example", host="localhost", port=port, starttls="yes", timeout=timeout
    )
    notifier.send(
        Message(to="wf@example.cn", subject="您的投诉已受理", body="正文", delivery_id="d-1")
    )


def test_a_mail_goes_through_starttls(monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = Inbox()
    with serve(inbox, monkeypatch) as port:
        send(port, timeout=10)
    (arrived,) = inbox.arrived
    assert arrived.rcpt_tos == ["wf@example.cn"]


def test_a_server_stalling_after_starttls_fails_the_attempt_for_a_retry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inbox = Inbox(stall=30)
    with (
        serve(inbox, monkeypatch) as port,
        pytest.raises(DeliveryFailed, match="no answer") as caught,
    ):
        send(port, timeout=1)
    assert caught.value.final is False


def test_a_server_offering_no_starttls_gets_nothing_in_clear_and_is_retried() -> None:
    """``starttls: yes`` and a server without it: the attempt fails before the message is
    sent, and is retried (the server may be fixed), never sent unencrypted."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with pytest.raises(DeliveryFailed) as info:  # it answered: no STARTTLS
            send(port, timeout=5)
    finally:
        controller.stop()
    assert not info.value.final
    assert isinstance(info.value.__cause__, smtplib.SMTPException)
    assert str(info.value).startswith(f"smtp localhost:{port}: ")
    assert inbox.arrived == []
