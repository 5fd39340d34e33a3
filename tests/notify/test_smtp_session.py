"""How an SMTP session's edges count: a message the server accepted is delivered whatever
its answer to QUIT, and a server that answers a line at a time cannot hold an attempt past
the notifier's ``timeout`` (real aiosmtpd and a real socket on localhost)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.storage.memory import MemoryStorage
from loopback import LoopbackServer
from smtp_inbox import receiving


class GrumpyAtQuit:
    """Accepts every message, then answers QUIT with ``answer``."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.accepted = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.accepted += 1
        return "250 OK"

    async def handle_QUIT(self, server: Any, session: Any, envelope: Any) -> str:
        return self.answer


def message() -> Message:
    return Message(to="sam@example.com", subject="您的投诉已受理", body="正文", delivery_id="d-1")


@pytest.mark.parametrize("answer", ["421 closing", "500 what"])
def test_a_message_accepted_before_a_bad_quit_answer_is_delivered(answer: str) -> None:
    handler = GrumpyAtQuit(answer)
    with receiving(handler) as (_, port):
        notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
        notifier.send(message())  # a failure here would send it again, and again
    assert handler.accepted == 1


class Stalling(LoopbackServer):
    """Greets with one continuation line after another (``220-``), never the last one."""

    threads = True

    def serve(self, connection: socket.socket) -> None:
        try:
            for _ in range(400):  # long enough that only a time limit ends it
                connection.sendall(b"220-please wait\r\n")
                if self.stop.wait(0.05):
                    return
            connection.sendall(b"220 ready\r\n")
            while connection.recv(65536):
                connection.sendall(b"250 ok\r\n")
        except OSError:  # the sender gave up
            return


@pytest.fixture
def stalling() -> Iterator[Stalling]:
    server = Stalling()
    try:
        yield server
    finally:
        server.close()


def test_a_server_answering_a_line_at_a_time_fails_the_attempt_for_a_retry(
    stalling: Stalling,
) -> None:
    notifier = SmtpNotifier(
        sender="care@shop.example", host="127.0.0.1", port=stalling.port, timeout=1
    )
    with pytest.raises(DeliveryFailed, match="no answer within") as caught:
        notifier.send(message())
    assert caught.value.final is False
    # which server, of two notifiers on one host (a relay on 25, a submission one on 587)
    assert str(caught.value).startswith(f"smtp 127.0.0.1:{stalling.port}: ")


class Refusing:
    """Refuses at one step of the session with ``answer``."""

    def __init__(self, step: str, answer: str) -> None:
        self.step, self.answer = step, answer

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.step == "MAIL":
            return self.answer
        envelope.mail_from = address
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        return self.answer if self.step == "DATA" else "250 OK"


@pytest.mark.parametrize(
    ("step", "answer", "said"),
    [
        ("MAIL", "550 5.7.1 sender not allowed", "refused the sender care@shop.example"),
        ("DATA", "554 5.7.1 内容被拒绝", "refused the message"),
        ("DATA", "451 4.3.0 try later", "refused the message"),
    ],
)
def test_a_refusal_says_which_server_refused_what_in_its_words(
    step: str, answer: str, said: str
) -> None:
    """It read "(554, b'5.7.1 \\xe5\\x86\\x85...')": a tuple with the reply's bytes."""
    with receiving(Refusing(step, answer)) as (_, port):
        notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
        with pytest.raises(DeliveryFailed) as caught:
            notifier.send(message())
    text = str(caught.value)
    assert f"smtp 127.0.0.1:{port}" in text
    assert said in text
    assert answer in text
    assert "b'" not in text


def refused_at(step: str, answer: str) -> DeliveryFailed:
    """What one attempt through a server refusing ``step`` with ``answer`` raised."""
    with receiving(Refusing(step, answer)) as (_, port):
        notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
        with pytest.raises(DeliveryFailed) as caught:
            notifier.send(message())
    return caught.value


@pytest.mark.parametrize(
    ("step", "answer"),
    [
        ("MAIL", "550 5.7.1 sender not allowed"),
        ("MAIL", "553 5.1.8 sender domain unknown"),
        ("DATA", "554 5.7.1 transaction failed"),
        ("DATA", "552 5.3.4 message too big"),
    ],
)
def test_a_permanent_refusal_of_the_sender_or_message_is_final(step: str, answer: str) -> None:
    """A 5xx is the server's last word (RFC 5321 4.2.1): retrying it only mails the same
    refusal again until the attempts run out."""
    assert refused_at(step, answer).final is True


@pytest.mark.parametrize(
    ("step", "answer"),
    [
        ("MAIL", "421 4.3.2 service shutting down"),
        ("MAIL", "451 4.7.1 greylisted, try later"),
        ("DATA", "452 4.3.1 insufficient storage"),
    ],
)
def test_a_transient_refusal_of_the_sender_or_message_is_retried(step: str, answer: str) -> None:
    assert refused_at(step, answer).final is False


def test_a_permanent_refusal_is_a_dead_letter_at_once_with_the_servers_reply() -> None:
    with receiving(Refusing("DATA", "554 5.7.1 内容被拒绝")) as (_, port):
        storage = MemoryStorage()
        clock = ManualClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
        storage.enqueue([Outgoing.message("mail", message(), clock.now())])
        notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port, timeout=5)
        report = DeliveryWorker(storage, {"mail": notifier}, clock).run_once()
    assert (report.dead, report.retrying) == (1, 0)
    (letter,) = storage.dead_letters()
    assert letter.reason.startswith("gave up after 1 attempt(s): ")
    assert letter.reason.endswith("refused the message: 554 5.7.1 内容被拒绝")
