"""A request in an HTTP version other than 1.0 or 1.1 is refused before any route sees it.

The server speaks HTTP/1.1. Its parser reads any ``HTTP/<digit>.<digit>`` on a request line,
so an HTTP/2 client's connection preface (``PRI * HTTP/2.0``, then ``SM`` and binary
frames: curl's ``--http2-prior-knowledge``, a gRPC client) was read as a request to the
path ``*`` (a 404) and then its ``SM`` as a second, malformed one (a 400): two answers,
neither saying what to do. Here such a request gets one 505 naming HTTP/1.1, and the
connection is closed, so nothing after it is read as a request.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from complaintkit.api.failures import error_answer, request_id_in

#: The versions the server speaks.
SPOKEN = ("1.0", "1.1")


class OnlyHttp1:
    """Middleware answering a request in another HTTP version with a 505 that closes the
    connection, in the API's JSON with the request's id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        version = str(scope.get("http_version", "1.1"))
        if scope["type"] != "http" or version in SPOKEN:
            await self.app(scope, receive, send)
            return
        request_id = request_id_in(scope.setdefault("state", {}))
        message = (
            f"is HTTP/{version:.10}; this server speaks HTTP/1.1 (and 1.0) only: send the "
            "request over HTTP/1.1 (an HTTP/2 client without prior knowledge, "
            "curl --http1.1)"
        )
        answer = error_answer(505, message, "http_version", request_id)
        answer.headers["Connection"] = "close"
        await answer(scope, receive, send)
