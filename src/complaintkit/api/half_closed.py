"""Answering a client that half-closed its connection after sending its request.

A client may end its side of the connection (``shutdown(SHUT_WR)``) once its request is
sent and still read the answer: scripts do it to say "no more requests", and so do some
proxies. uvicorn's h11 protocol closes the whole connection at that end of input, so such
a client's complaint was taken in and its answer — the case id it needs to follow it —
never sent. Here the connection stays open for the answer to every request that arrived
whole, and closes after the last; a request cut short by the half-close is treated as any
request whose client went away (its body kept as a dead letter, no answer)."""

from __future__ import annotations

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

#: The client's states once its request arrived whole (``MUST_CLOSE``: it sent
#: ``Connection: close``).
_WHOLE = (h11.DONE, h11.MUST_CLOSE)


class AnswersHalfClosed(H11Protocol):
    """The h11 protocol that answers what arrived whole before its client's end of input."""

    half_closed = False

    def eof_received(self) -> bool:  # type: ignore[override]  # asyncio reads the answer
        """Keep the connection open for writing (``True``) while a whole request is being
        answered; otherwise let asyncio close it, as uvicorn does."""
        answering = self.cycle is not None and not self.cycle.response_complete
        if answering and self.conn.their_state in _WHOLE:
            self.half_closed = True
            return True
        return False

    def on_response_complete(self) -> None:
        super().on_response_complete()  # starts on the next request already read, if any
        if not self.half_closed or self.transport.is_closing():
            return
        answering = self.cycle is not None and not self.cycle.response_complete
        if not (answering and self.conn.their_state in _WHOLE):
            self.transport.close()  # nothing more will come: no request left to answer
