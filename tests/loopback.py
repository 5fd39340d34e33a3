"""What a test talks to a server on loopback with: an HTTP client (``loopback_client``) for
a server it runs, and the skeleton of a server of its own (``LoopbackServer``) that answers
with raw bytes what no library would send (a reply of several lines, an answer a byte at a
time, a hang-up mid-message).

httpx reads certifi's certificate store into a new SSL context for every client, some
44 ms, and the suite makes hundreds of clients for plain-HTTP servers that never use it;
this client is given an SSL context that reads no store (an https URL is refused by
its handshake, never trusted unverified)."""

from __future__ import annotations

import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import httpx

_Server = TypeVar("_Server", bound=socketserver.BaseServer)

#: Trusts no certificate: a client of plain-HTTP servers has none to check.
_NO_TLS = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def loopback_client(base_url: str = "", **options: Any) -> httpx.Client:
    """``httpx.Client(base_url=base_url, **options)`` without reading a certificate store."""
    return httpx.Client(base_url=base_url, verify=_NO_TLS, **options)


class LoopbackServer:
    """Listens on 127.0.0.1 at a port the system picks and hands each connection to
    :meth:`serve`, closing it after: one after another, or each on a thread of its own
    (``threads``, for a server that keeps a client waiting), until :meth:`close`. A
    subclass sets what ``serve`` reads before calling ``__init__``, which starts it."""

    #: Whether each connection is served on a thread of its own.
    threads = False

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/hook"
        self.accepting = threading.Thread(target=self._accept, daemon=True)
        self.accepting.start()

    def serve(self, connection: socket.socket) -> None:
        """Answer one connection."""
        raise NotImplementedError

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed: the test is over
                return
            if self.threads:
                threading.Thread(target=self._serve, args=(connection,), daemon=True).start()
            else:
                self._serve(connection)

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            self.serve(connection)

    def close(self) -> None:
        self.stop.set()
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() under way; close does not
        self.listener.close()
        self.accepting.join(5)


def started() -> Iterator[list[Any]]:
    """The servers a test starts, closed after it: a test module's fixture,
    ``servers = pytest.fixture(started, name="servers")``."""
    made: list[LoopbackServer] = []
    try:
        yield made
    finally:
        for server in made:
            server.close()


@contextmanager
def serving(server: _Server) -> Iterator[_Server]:
    """``server`` (a ``ThreadingHTTPServer`` receiving webhooks) serving on a thread of its
    own until the block ends, then shut down and closed."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
