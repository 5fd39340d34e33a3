"""A request whose body has two lengths is refused before any route sees it.

A request sending both ``Transfer-Encoding`` and ``Content-Length`` is read by this server
by its chunks, and by a proxy in front going by the length as another body, the rest taken
for the next request (request smuggling); RFC 9112 §6.1 has the connection closed either
way. Refused inside the routes only, such a request to a path no route takes (a 404), with
a method its path does not take (a 405) or with a trailing slash (a redirect) was answered
and its connection kept open for the next request. Here every request is checked.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from complaintkit.api.failures import error_answer, request_id_in

#: Why: the field named is the header that makes the second length.
MESSAGE = "is sent with Content-Length; a body has one length: send one of the two"


class OneLength:
    """Middleware answering a request framed by both headers with a 400 that closes the
    connection (``failures.CLOSING``), in the API's JSON with the request's id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            names = {name.lower() for name, _ in scope.get("headers", [])}
            if b"transfer-encoding" in names and b"content-length" in names:
                request_id = request_id_in(scope.setdefault("state", {}))
                answer = error_answer(400, MESSAGE, "Transfer-Encoding", request_id)
                await answer(scope, receive, send)
                return
        await self.app(scope, receive, send)
