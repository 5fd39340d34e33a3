"""A deadline for a request's body. uvicorn waits for a body as long as its client keeps the
connection open, so a client trickling a byte a minute, or declaring more than it sends,
would hold a request, and what it sent, for ever; a few hundred such clients would hold
every connection the server takes. The deadline counts from the request's headers to its
body's last byte, whichever server runs the app."""

from __future__ import annotations

import asyncio
import math
from typing import Any

from complaintkit.errors import ConfigError

#: Enough for the largest upload the form takes (16 MiB) at about 300 kB/s.
DEFAULT_SECONDS = 60.0

Message = dict[str, Any]


class BodyTimedOut(Exception):
    """The body was not whole ``seconds`` after the request's headers arrived."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the body was not whole within {seconds:g} s")
        self.seconds = seconds


def checked_seconds(seconds: object, name: str = "body_timeout") -> float:
    """``seconds`` if it is a finite number of seconds above 0; ``ConfigError`` naming the
    setting ``name`` otherwise."""
    if (
        not isinstance(seconds, int | float)
        or isinstance(seconds, bool)
        or not math.isfinite(seconds)
        or seconds <= 0
    ):
        raise ConfigError(f"{name} must be a number of seconds above 0 (got {seconds!r:.60})")
    return float(seconds)


class BodyDeadline:
    """ASGI middleware: ``receive`` raises ``BodyTimedOut`` once ``seconds`` have passed
    since the request began and its body is still not whole. Past the body's end (an
    endpoint waiting for the client to disconnect) it waits as long as it is asked to."""

    def __init__(self, app: Any, seconds: float) -> None:
        self.app = app
        self.seconds = checked_seconds(seconds)

    async def __call__(self, scope: Message, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = asyncio.get_running_loop().time() + self.seconds
        whole = False

        async def bounded() -> Message:
            nonlocal whole
            if whole:
                message: Message = await receive()
                return message
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise BodyTimedOut(self.seconds) from None
            whole = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        await self.app(scope, bounded, send)
