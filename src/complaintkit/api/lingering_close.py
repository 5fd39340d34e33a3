"""Closing a connection whose client is still sending, without losing the answer to it.

A refusal made before a request's body is read (a 413 for a body over the limit, a 408 for
one too slow, a 400 or 431 for a head the server cannot read, a 505) is answered and the
connection closed while its client is still sending. The kernel answers bytes arriving
at a closed socket with a reset, so a client that writes its whole body before it reads
(``http.client``, ``requests``, curl with a big upload) saw only "connection reset", never
the JSON answer naming what to do. Here, as nginx's and Apache's lingering close, the
connection is half-closed once the answer is written (the client reads it to its end),
and what the client still sends is read and dropped for at most ``LINGER_SECONDS`` and
``LINGER_BYTES``; then it is closed. A connection whose client is sending nothing (an
idle one, a request answered whole) is closed at once, as before."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

#: The longest a client still sending after its refusal is read from before the
#: connection is closed.
LINGER_SECONDS = 2.0
#: The most read from it (and dropped) meanwhile: twice the largest upload the form takes
#: (16 MiB), so a file somewhat over the form's limit gets the page saying so.
LINGER_BYTES = 32 * 1024 * 1024

#: The client's states in which it sends nothing more: between requests, or its request
#: sent whole.
_QUIET = (h11.IDLE, h11.DONE, h11.MUST_CLOSE, h11.CLOSED)


class LingeringTransport(asyncio.Transport):
    """``transport``, whose ``close`` lingers when ``still_sending()`` says the client may
    still be sending: the write side is shut once what was written is sent, reading goes
    on (``discard`` takes what arrives), and the connection is closed when the client ends
    its side, or after ``LINGER_SECONDS`` or ``LINGER_BYTES``, whichever comes first.
    While it lingers, it is closing: writes are dropped and reading is never paused."""

    def __init__(
        self,
        transport: asyncio.Transport,
        still_sending: Callable[[], bool],
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        super().__init__()
        self.transport = transport
        self.still_sending = still_sending
        self.loop = loop
        self.lingering = False
        self.discarded = 0
        self._deadline: asyncio.TimerHandle | None = None

    def close(self) -> None:
        if self.lingering or self.transport.is_closing():
            return
        if not self.still_sending():
            self.transport.close()
            return
        self.lingering = True
        if self.transport.can_write_eof():  # TLS cannot half-close, only read on
            self.transport.write_eof()  # shuts it once what is buffered is sent
        self.transport.resume_reading()
        self._deadline = self.loop.call_later(LINGER_SECONDS, self.end)

    def discard(self, data: bytes) -> None:
        """Drop ``data`` the client sent while lingering; end past ``LINGER_BYTES``."""
        self.discarded += len(data)
        if self.discarded > LINGER_BYTES:
            self.end()

    def end(self) -> None:
        """Close now. An answer the client has not taken yet is dropped: it had its time."""
        self.forget_deadline()
        if self.transport.get_write_buffer_size():
            self.transport.abort()
        else:
            self.transport.close()

    def forget_deadline(self) -> None:
        """Stop waiting to end: the connection is closed."""
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def is_closing(self) -> bool:
        return self.lingering or self.transport.is_closing()

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self.lingering:
            self.transport.write(data)

    def write_eof(self) -> None:
        self.transport.write_eof()

    def can_write_eof(self) -> bool:
        return self.transport.can_write_eof()

    def abort(self) -> None:
        self.forget_deadline()
        self.transport.abort()

    def pause_reading(self) -> None:
        if not self.lingering:
            self.transport.pause_reading()

    def resume_reading(self) -> None:
        self.transport.resume_reading()

    def is_reading(self) -> bool:
        return self.transport.is_reading()

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self.transport.get_extra_info(name, default)

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self.transport.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self.transport.get_protocol()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self.transport.set_write_buffer_limits(high, low)

    def get_write_buffer_size(self) -> int:
        return self.transport.get_write_buffer_size()

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self.transport.get_write_buffer_limits()


class LingersOnClose(H11Protocol):
    """The h11 protocol whose connections linger on closing (``LingeringTransport``)
    while their client may still be sending: in a request's body, past a head the server
    refused, or with bytes received and not yet read as a request."""

    lingering_transport: LingeringTransport | None = None
    input_ended = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self.lingering_transport = LingeringTransport(transport, self._still_sending, self.loop)
        super().connection_made(self.lingering_transport)

    def data_received(self, data: bytes) -> None:
        lingering = self.lingering_transport
        if lingering is not None and lingering.lingering:
            lingering.discard(data)  # answered already: never parsed, never kept
            return
        super().data_received(data)

    def eof_received(self) -> bool:  # type: ignore[override]  # asyncio reads the answer
        """``False`` (asyncio closes the connection once the answer is sent) if lingering;
        otherwise as the protocol says."""
        self.input_ended = True
        lingering = self.lingering_transport
        if lingering is not None and lingering.lingering:
            return False  # it sent all it had: closed once the answer is sent, or at the deadline
        return bool(super().eof_received())

    def connection_lost(self, exc: Exception | None) -> None:
        if self.lingering_transport is not None:
            self.lingering_transport.forget_deadline()
        super().connection_lost(exc)

    def _still_sending(self) -> bool:
        """Whether the client may still be sending: its side not ended, and in a request,
        past a refused head, or with bytes not yet read as a request."""
        if self.input_ended:
            return False
        received, _ = self.conn.trailing_data
        return bool(received) or self.conn.their_state not in _QUIET
