"""A webhook receiver on loopback that answers every request with the same bytes, written
raw, so that a test can answer what http.client reads badly (interim answers, headers it
will not read); it counts the requests it read whole."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

from complaintkit.notify.base import Message


class Receiver:
    """Reads each request whole and answers it with ``answer``; counts requests."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer
        self.requests = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/hook"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed: the test is over
                return
            with connection, connection.makefile("rb") as lines:
                length = 0
                while (line := lines.readline()) not in (b"\r\n", b""):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                lines.read(length)
                self.requests += 1
                connection.sendall(self.answer)

    def close(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() under way
        self.listener.close()
        self.thread.join(5)


def message() -> Message:
    """The message the tests post."""
    return Message(to="ops", subject="s", body="b", case_id="CK-1", delivery_id="d-1")


def started() -> Iterator[list[Receiver]]:
    """The receivers a test starts, closed after it: a test module's fixture,
    ``receivers = pytest.fixture(started, name="receivers")``."""
    made: list[Receiver] = []
    try:
        yield made
    finally:
        for receiver in made:
            receiver.close()
