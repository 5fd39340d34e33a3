"""HTTP the server's parser cannot read, answered as the API answers every refusal.

uvicorn's h11 protocol answers a request line or header it cannot parse (a space in a
header's name, a length that is no number, headers longer than it reads) and a chunked body
whose chunks break off with a plain-text 400 of its own (a header block over the limit,
``header_limit``, a 431): a client reading the API's JSON
errors cannot read it, and it names no request id to find the request by in the logs or
among the dead letters. Here such a request gets the API's JSON error, a request id — for a
body that broke off, the one the application gave the request, which the dead letter of
what arrived bears (a complaint's: no other endpoint keeps a body, and the answer, sent
before any sees the request, says so) — and the connection closed, as for any 400.
"""

from __future__ import annotations

import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from complaintkit.api.failures import REQUEST_ID_HEADER, request_id_in
from complaintkit.api.header_limit import header_limit, refused_head
from complaintkit.api.malformed_head import first_fault
from complaintkit.api.request_body import CHUNKS_REFUSED

#: What the answer says, by whether the request's headers were read.
_UNREAD_HEADERS = (
    "is not HTTP/1.1 this server can read: its request line or a header is malformed, or "
    "its headers are too long; nothing was read or kept"
)
_MALFORMED = "is not HTTP/1.1 this server can read: {fault}; nothing was read or kept"
_TOO_LONG = (
    "are over {limit} bytes, the most this server reads of a request's line and headers; "
    "nothing was read or kept: send them shorter (a cookie or a token grown too long?)"
)
_TOO_LONG_REASON = b"Request Header Fields Too Large"
_BROKEN_BODY = (
    "has a chunked body whose chunks break off (a chunk's size is no hex number, or a chunk "
    "does not end where its size says); what arrived of a complaint (POST /complaints) is "
    "kept as a dead letter under this request id, of any other request nothing: send it again"
)


class JsonRefusals(H11Protocol):
    """The h11 protocol answering what it cannot parse with the API's JSON error."""

    def send_400_response(self, msg: str) -> None:  # uvicorn's name
        if self.conn.our_state not in (h11.IDLE, h11.SEND_RESPONSE):  # answering already
            self.transport.close()
            return
        cycle = self.cycle if self.cycle is not None and not self.cycle.response_complete else None
        # a body broke off: the application keeps what arrived under the id named here
        state = {} if cycle is None else cycle.scope.setdefault("state", {})
        state[CHUNKS_REFUSED] = True  # not the client's closing, as the application sees it
        request_id = request_id_in(state)
        error = _UNREAD_HEADERS if cycle is None else _BROKEN_BODY
        field = "headers" if cycle is None else "body"
        limit = header_limit(self.conn) if cycle is None else 0
        if limit:  # a header block over the limit (``header_limit``)
            error = _TOO_LONG.format(limit=limit)
        elif cycle is None and (fault := first_fault(refused_head(self.conn))):
            error = _MALFORMED.format(fault=fault)
        body = json.dumps({"error": error, "field": field, "request_id": request_id}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (REQUEST_ID_HEADER.lower().encode(), request_id.encode()),
            (b"connection", b"close"),
        ]
        status, reason = (431, _TOO_LONG_REASON) if limit else (400, b"Bad Request")
        # h11 refuses any body in the answer to a HEAD (it would raise, logged as fatal)
        head = cycle is not None and cycle.scope["method"] == "HEAD"
        for event in (
            h11.Response(status_code=status, headers=headers, reason=reason),
            *(() if head else (h11.Data(data=body),)),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event))
        self.transport.close()
