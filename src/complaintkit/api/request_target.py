"""A request target in absolute form (``POST http://host/complaints``) routed by its path.

RFC 9112 §3.2.2 has a server accept the absolute form, which clients send to a proxy (an
HTTP library told to use the API's address as one) and some embedded clients to every
server. uvicorn hands the whole target on as the path, so no route matched it: a complaint
so posted got a 404 and was kept nowhere, not even a bad one as a dead letter. The scheme
and authority are dropped before routing, as the RFC has the server do; no target is
empty, so none left is ``/``.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

#: The scheme and authority of an absolute-form target (RFC 9112 §3.2.2), any case.
_ABSOLUTE = re.compile(r"https?://[^/]*", re.IGNORECASE)
_ABSOLUTE_RAW = re.compile(rb"https?://[^/]*", re.IGNORECASE)


class OriginForm:
    """Middleware reading an absolute-form target as the path it names."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else "/"
        if not path.startswith("/") and (found := _ABSOLUTE.match(path)) is not None:
            scope = {**scope, "path": path[found.end() :] or "/"}
            raw = scope.get("raw_path")
            if raw is not None and (raw_found := _ABSOLUTE_RAW.match(raw)) is not None:
                scope["raw_path"] = raw[raw_found.end() :] or b"/"
        await self.app(scope, receive, send)
