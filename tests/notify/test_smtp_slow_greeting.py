"""A server that takes the connection and greets only after the notifier's time is up (a
busy relay, one that delays its greeting against spam) is told as that: no greeting within
the timeout, naming the server and the timeout, with a longer timeout the first thing to
try. It was told as a TLS port problem (SMTPS on 465) whatever the port, sending the
operator to change a port that was right. A port 465 still leads with SMTPS."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier, ungreeted
from loopback import LoopbackServer


class SlowToGreet(LoopbackServer):
    """Greets once the client has hung up (or after a minute): always too late."""

    threads = True

    def serve(self, connection: socket.socket) -> None:
        connection.settimeout(60)
        with contextlib.suppress(OSError):
            connection.recv(1)  # returns once the client hangs up
            connection.sendall(b"220 mail.test ESMTP\r\n")


@pytest.fixture
def slow() -> Iterator[SlowToGreet]:
    server = SlowToGreet()
    try:
        yield server
    finally:
        server.close()


def test_a_greeting_later_than_the_timeout_is_told_as_such(slow: SlowToGreet) -> None:
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=slow.port, timeout=1)
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1"))
    reason = str(caught.value)
    said = f"smtp 127.0.0.1:{slow.port}: no answer within 1 s: connected, but the server sent no greeting"
    assert reason.startswith(said)
    first = reason.partition(";")[0]  # what it most likely is, before what else it may be
    assert "timeout" in first
    assert "TLS" not in first
    assert caught.value.unanswered
    assert not caught.value.final


@pytest.mark.parametrize("port", [25, 587, 2525, 465])
def test_smtps_leads_only_on_its_port(port: int) -> None:
    first = ungreeted("mail.shop.example", port, 30).partition(";")[0]
    said = (
        f"smtp mail.shop.example:{port}: no answer within 30 s: connected, but the server sent no"
    )
    assert first.startswith(said)
    assert ("SMTPS" in first) == (port == 465)
