"""An SMTP server whose reply goes on and on (``220-…`` continuation lines without end: a
broken or hostile relay) was read whole into memory: smtplib keeps every line of a reply,
and only the attempt's time limit ended it — some 840 MB in three seconds on loopback, far
past any worker's memory in the default thirty. A reply of more than ``MAX_REPLY_LINES``
lines now fails the attempt at once, retried later, saying so; an ordinary long reply (an
``EHLO`` listing its extensions) is read as before. A raw socket server on loopback."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from complaintkit.notify.smtp_reply import MAX_REPLY_LINES


def _converse(conn: socket.socket, greeting_lines: int, received: list[bytes]) -> None:
    """Greets with ``greeting_lines`` lines, then takes one message as a relay would."""
    with conn, conn.makefile("rb") as lines:
        greeting = b"220-hello\r\n" * (greeting_lines - 1) + b"220 ready\r\n"
        try:
            conn.sendall(greeting)
            for line in lines:
                verb = line[:4].upper()
                if verb == b"DATA":
                    conn.sendall(b"354 go on\r\n")
                    received.append(b"".join(iter(lines.readline, b".\r\n")))
                    conn.sendall(b"250 queued\r\n")
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 ok\r\n")
        except OSError:  # the client hung up
            return


@pytest.fixture
def relay(request: pytest.FixtureRequest) -> Iterator[tuple[int, list[bytes]]]:
    listener = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def serve() -> None:
        with listener:
            conn, _ = listener.accept()
            _converse(conn, request.param, received)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], received
    thread.join(60)


MESSAGE = Message(to="sam@example.com", subject="s", body="b", delivery_id="d-1")


@pytest.mark.parametrize("relay", [MAX_REPLY_LINES + 1, 100_000], indirect=True)
def test_a_reply_of_too_many_lines_fails_the_attempt(relay: tuple[int, list[bytes]]) -> None:
    port, received = relay
    notifier = SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port)
    with pytest.raises(DeliveryFailed) as failed:
        notifier.send(MESSAGE)
    assert f"more than {MAX_REPLY_LINES} lines" in str(failed.value)
    assert not failed.value.final  # the relay may mend its ways: tried again later
    assert not failed.value.unanswered
    assert received == []


@pytest.mark.parametrize("relay", [1, MAX_REPLY_LINES], indirect=True)
def test_a_reply_within_the_limit_is_read(relay: tuple[int, list[bytes]]) -> None:
    port, received = relay
    SmtpNotifier(sender="care@shop.example", host="127.0.0.1", port=port).send(MESSAGE)
    assert len(received) == 1
