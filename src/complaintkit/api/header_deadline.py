"""uvicorn's HTTP/1.1 protocol with a deadline for each request's headers. uvicorn closes a
connection left idle after an answer, but one that sends no request, or sends its headers
a byte at a time, it keeps open for ever: a few hundred such clients hold every connection
the server takes. No ASGI app sees a request before its headers end, so this deadline is
the server's; ``body_deadline`` bounds the body after them."""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from complaintkit.api.body_deadline import checked_seconds
from complaintkit.api.half_closed import AnswersHalfClosed
from complaintkit.api.header_limit import BoundedHeaders
from complaintkit.api.lingering_close import LingersOnClose
from complaintkit.api.unreadable_http import JsonRefusals

DEFAULT_SECONDS = 10.0


def headers_in_time(seconds: float = DEFAULT_SECONDS) -> type[H11Protocol]:
    """The h11 protocol for ``uvicorn.Config(http=...)``: a connection is closed when, from
    its opening or its last answer, ``seconds`` pass and no request's headers arrived, or
    the answered request's body is still coming (an answer that did not wait for it). What
    it cannot parse is answered with the API's JSON (``unreadable_http``); a client that
    half-closes after its request still gets its answer (``half_closed``); a header block
    over 16 KiB is refused however it arrived (``header_limit``); a client still sending
    when its connection is closed gets the answer before the close (``lingering_close``)."""
    limit = checked_seconds(seconds, "header_timeout")

    class HeadersInTime(LingersOnClose, JsonRefusals, AnswersHalfClosed, BoundedHeaders):
        seconds = limit
        armed: object = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)  # type: ignore[arg-type]
            self._headers_due()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._headers_due()

        def _headers_due(self) -> None:
            self.armed = token = object()
            self.loop.call_later(self.seconds, self._expire, token)

        def _expire(self, token: Any) -> None:
            if self.armed is not token or self.transport.is_closing():
                return  # armed again since: a later answer was sent
            if self.cycle is None or self.cycle.response_complete:  # not answering one
                self.transport.close()

    return HeadersInTime
