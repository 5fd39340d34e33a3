"""A server that takes the connection and never greets says why, not "no answer" alone: the
commonest cause is a port that speaks TLS from its first byte (SMTPS, port 465, as many
providers document first), which waits for the client's handshake while the notifier waits
for the greeting, until the time runs out on every attempt. The failure says so and what
to use instead (the submission port with starttls: yes); it is still retried."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier

FIXTURES = Path(__file__).parent.parent / "fixtures"
CERT, KEY = FIXTURES / "smtp_tls_cert.pem", FIXTURES / "smtp_tls_key.pem"


@pytest.fixture
def smtps() -> Iterator[int]:
    """A server speaking TLS from the first byte, as on port 465: it waits for a handshake."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(CERT, KEY)
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            held.append(connection)
            # no handshake ever comes, and the client hangs up
            with contextlib.suppress(OSError, ValueError):
                context.wrap_socket(connection, server_side=True).sendall(b"220 hi\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        for connection in held:
            connection.close()
        thread.join(5)


def test_a_server_that_never_greets_says_what_to_check(smtps: int) -> None:
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=smtps, timeout=1)
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1"))
    reason = str(caught.value)
    assert reason.startswith(f"smtp 127.0.0.1:{smtps}: no answer within 1 s")
    assert "no greeting" in reason
    assert "465" in reason
    assert "starttls: yes" in reason
    assert caught.value.unanswered
    assert not caught.value.final
