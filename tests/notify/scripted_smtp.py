"""An SMTP server on loopback that answers each command with the bytes a test scripts, written
raw (a reply of several lines, one that is no SMTP reply at all), and counts the messages
whose end it read."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator, Mapping

#: What a well-behaved server answers, by command (``END``: the message's end).
ANSWERS: Mapping[bytes, bytes] = {
    b"EHLO": b"250-mail.test\r\n250 AUTH PLAIN LOGIN\r\n",
    b"AUTH": b"235 2.7.0 accepted\r\n",
    b"MAIL": b"250 2.1.0 ok\r\n",
    b"RCPT": b"250 2.1.5 ok\r\n",
    b"RSET": b"250 ok\r\n",
    b"END": b"250 2.0.0 queued\r\n",
}


class Scripted:
    """Answers each command by ``answers`` (else ``ANSWERS``); ``ends`` counts messages read
    to their end, ``commands`` the command lines read."""

    def __init__(self, answers: Mapping[bytes, bytes]) -> None:
        self.answers = {**ANSWERS, **answers}
        self.ends = 0
        self.commands: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed: the test is over
                return
            # the client may hang up first
            with connection, connection.makefile("rb") as lines, contextlib.suppress(OSError):
                connection.sendall(b"220 mail.test ESMTP\r\n")
                while line := lines.readline():
                    self.commands.append(line)
                    verb = line[:4].upper()
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

    def close(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() under way
        self.listener.close()
        self.thread.join(5)


def started() -> Iterator[list[Scripted]]:
    """The servers a test starts, closed after it: a test module's fixture,
    ``servers = pytest.fixture(started, name="servers")``."""
    made: list[Scripted] = []
    try:
        yield made
    finally:
        for server in made:
            server.close()
