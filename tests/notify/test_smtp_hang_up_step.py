"""A server that hangs up mid-session is told with the step it hung up at: 'Connection
unexpectedly closed' alone left the operator to guess whether the server took no
connection from this machine (before its greeting), refused the sender or the recipient
in silence (after MAIL FROM or RCPT TO) or dropped the message (after DATA). Retried."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from loopback import LoopbackServer


class HangingUp(LoopbackServer):
    """Answers well until ``verb`` comes (``b""``: before greeting), then hangs up."""

    def __init__(self, verb: bytes) -> None:
        self.verb = verb
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        if not self.verb:
            return
        with connection.makefile("rb") as lines, contextlib.suppress(OSError):
            connection.sendall(b"220 mail.test ESMTP\r\n")
            while line := lines.readline():
                verb = line[:4].upper()
                if verb == self.verb:
                    return
                answer = b"250-mail.test\r\n250 8BITMIME\r\n" if verb == b"EHLO" else b"250 ok\r\n"
                connection.sendall(answer)


STEPS = {
    b"": "hung up before its greeting",
    b"EHLO": "hung up after EHLO",
    b"MAIL": "hung up after MAIL FROM",
    b"RCPT": "hung up after RCPT TO",
    b"DATA": "hung up after DATA",
}


@pytest.fixture(params=sorted(STEPS))
def hanging_up(request: pytest.FixtureRequest) -> Iterator[tuple[HangingUp, str]]:
    server = HangingUp(request.param)
    try:
        yield server, STEPS[request.param]
    finally:
        server.close()


def test_a_hang_up_names_its_step(hanging_up: tuple[HangingUp, str]) -> None:
    server, step = hanging_up
    notifier = SmtpNotifier(
        sender="care@shop.example", host="127.0.0.1", port=server.port, timeout=5
    )
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1"))
    assert str(caught.value).startswith(f"smtp 127.0.0.1:{server.port}: the server {step}")
    assert not caught.value.final


class RefusingEhlo(LoopbackServer):
    """Refuses EHLO for good, as a server refusing a listed address does, and hangs up."""

    def serve(self, connection: socket.socket) -> None:
        with connection.makefile("rb") as lines, contextlib.suppress(OSError):
            connection.sendall(b"220 mail.test ESMTP\r\n")
            lines.readline()
            connection.sendall(b"554 5.7.1 your address is listed at zen.example\r\n")


def test_a_refused_ehlo_then_a_hang_up_keeps_the_servers_words() -> None:
    """smtplib tries HELO after a refused EHLO; the server had hung up, and the reason
    named the hang-up after HELO alone, losing why the server refused this machine."""
    server = RefusingEhlo()
    try:
        notifier = SmtpNotifier(
            sender="care@shop.example", host="127.0.0.1", port=server.port, timeout=5
        )
        with pytest.raises(DeliveryFailed) as caught:
            notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d"))
    finally:
        server.close()
    reason = str(caught.value)
    assert reason.startswith(f"smtp 127.0.0.1:{server.port}: refused the greeting: 554 ")
    assert "your address is listed at zen.example" in reason
    assert not caught.value.final
