"""An SMTP server on loopback that answers each command with the bytes a test scripts, written
raw (a reply of several lines, one that is no SMTP reply at all, or ``HANG_UP``: none, the
connection closed), and counts the messages whose end it read."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Mapping

import pytest

from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.notify.base import Message
from complaintkit.notify.smtp import SmtpNotifier
from loopback import LoopbackServer

#: What a well-behaved server answers, by command (``END``: the message's end).
ANSWERS: Mapping[bytes, bytes] = {
    b"EHLO": b"250-mail.test\r\n250 AUTH PLAIN LOGIN\r\n",
    b"AUTH": b"235 2.7.0 accepted\r\n",
    b"MAIL": b"250 2.1.0 ok\r\n",
    b"RCPT": b"250 2.1.5 ok\r\n",
    b"RSET": b"250 ok\r\n",
    b"END": b"250 2.0.0 queued\r\n",
}


#: An answer that is none: the server hangs up instead (as the greeting: before it).
HANG_UP = b""

#: What a server greets with.
GREETING = b"220 mail.test ESMTP\r\n"


class Scripted(LoopbackServer):
    """Greets with ``greeting``, answers each command by ``answers`` (else ``ANSWERS``);
    ``ends`` counts messages read to their end, ``commands`` the command lines read."""

    def __init__(self, answers: Mapping[bytes, bytes], greeting: bytes = GREETING) -> None:
        self.answers = {**ANSWERS, **answers}
        self.greeting = greeting
        self.ends = 0
        self.commands: list[bytes] = []
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        if self.greeting == HANG_UP:
            return
        # the client may hang up first
        with connection.makefile("rb") as lines, contextlib.suppress(OSError):
            connection.sendall(self.greeting)
            while line := lines.readline():
                self.commands.append(line)
                verb = line[:4].upper()
                if self.answers.get(verb) == HANG_UP:
                    return
                if verb == b"QUIT":
                    connection.sendall(b"221 bye\r\n")
                    break
                if verb == b"DATA":
                    connection.sendall(b"354 go ahead\r\n")
                    while lines.readline() not in (b".\r\n", b""):
                        pass
                    self.ends += 1
                    verb = b"END"
                connection.sendall(self.answers.get(verb, b"502 5.5.1 unknown\r\n"))


def failure_sending_to(server: Scripted) -> DeliveryFailed:
    """What the SMTP notifier raises sending one message to ``server``, which its caller
    closes."""
    notifier = SmtpNotifier(
        sender="care@shop.example", host="127.0.0.1", port=server.port, timeout=5
    )
    with pytest.raises(DeliveryFailed) as caught:
        notifier.send(Message(to="sam@example.com", subject="s", body="b", delivery_id="d"))
    return caught.value
