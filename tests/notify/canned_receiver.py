"""A webhook receiver on loopback that answers every request with the same bytes, written
raw, so that a test can answer what http.client reads badly (interim answers, headers it
will not read); it counts the requests it read whole."""

from __future__ import annotations

import socket

from complaintkit.notify.base import Message
from loopback import LoopbackServer


class Receiver(LoopbackServer):
    """Reads each request whole and answers it with ``answer``; counts requests."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.requests = 0
        super().__init__()

    def serve(self, connection: socket.socket) -> None:
        with connection.makefile("rb") as lines:
            length = 0
            while (line := lines.readline()) not in (b"\r\n", b""):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            lines.read(length)
            self.requests += 1
            connection.sendall(self.answer)


def message() -> Message:
    """The message the tests post."""
    return Message(to="ops", subject="s", body="b", case_id="CK-1", delivery_id="d-1")
