"""The most a request's line and headers may take, however their bytes arrive.

h11 refuses a header block over its limit (16 KiB, uvicorn's ``h11_max_incomplete_event_size``)
only while the block is still incomplete: one that arrived whole in one read, 20 KiB or
a megabyte of headers in one packet, was read and served, so the limit depended on how the
network cut the bytes. Here the block is measured before it is parsed, every time, and
one over the limit is refused as h11 refuses it across reads (status hint 431), which
``unreadable_http`` answers in JSON."""

from __future__ import annotations

import re
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

#: uvicorn's default limit, and h11's.
DEFAULT_LIMIT = 16 * 1024
#: The blank line that ends a header block (h11 reads a bare LF as a line's end too).
_BLANK_LINE = re.compile(rb"\n\r?\n")


class BoundedConnection(h11.Connection):
    """h11's server connection, refusing a header block over ``limit`` bytes, and keeping
    the status hint of its last refusal (``refused_status``) for the answer."""

    def __init__(self, limit: int) -> None:
        super().__init__(h11.SERVER, max_incomplete_event_size=limit)
        self.limit = limit
        self.refused_status: int | None = None
        #: what was unread when a request's line and headers were refused
        self.refused_head = b""

    def next_event(self) -> Any:  # h11's own is typed as its events and two sentinels
        head = b""
        try:
            if self.their_state is h11.IDLE:  # a request's line and headers are next
                head = self._within_limit()
            return super().next_event()
        except h11.RemoteProtocolError as exc:
            self.refused_status = exc.error_status_hint
            self.refused_head = head
            raise

    def _within_limit(self) -> bytes:
        """What is unread, a request's line and headers at its start, if under the limit."""
        received, _ = self.trailing_data
        if len(received) > self.limit and not _BLANK_LINE.search(received, 0, self.limit):
            raise h11.RemoteProtocolError(
                f"a header block over {self.limit} bytes", error_status_hint=431
            )
        return received


class BoundedHeaders(H11Protocol):
    """The h11 protocol whose connection refuses a header block over the limit."""

    def __init__(self, config: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        limit = config.h11_max_incomplete_event_size
        self.conn = BoundedConnection(DEFAULT_LIMIT if limit is None else limit)


def header_limit(conn: h11.Connection) -> int:
    """The limit ``conn`` refused a header block over, when it did (else 0)."""
    if isinstance(conn, BoundedConnection) and conn.refused_status == 431:
        return conn.limit
    return 0


def refused_head(conn: h11.Connection) -> bytes:
    """The request line and headers ``conn`` refused (and what followed), when it refused
    them (else nothing)."""
    return conn.refused_head if isinstance(conn, BoundedConnection) else b""
