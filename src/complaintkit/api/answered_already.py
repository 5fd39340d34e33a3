"""The application's answer to a request the server's parser answered already.

The parser refuses a chunked body whose chunks break off with a 400 of its own, at once
(``unreadable_http``), and marks the request so (``CHUNKS_REFUSED``). An endpoint that never
reads its body — a page, ``/openapi.json``, a refusal of its headers — answers a moment
later, on a connection answered and closing: uvicorn raised ``LocalProtocolError`` into the
application and logged a traceback for each such request, which any client could repeat
to fill the error log. That answer is dropped here once the connection is closed, so the
server sees an answer to a client gone, which it drops without a word, not an application
that never answered.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from complaintkit.api.request_body import CHUNKS_REFUSED


class AnsweredAlready:
    """Middleware dropping what the application sends once the parser refused the
    request's chunks."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})

        async def unless_answered(message: Message) -> None:
            if not state.get(CHUNKS_REFUSED):
                await send(message)
                return
            while (await receive())["type"] != "http.disconnect":  # the parser closed it
                pass

        await self.app(scope, receive, unless_answered)
