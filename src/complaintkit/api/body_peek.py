"""The first byte of a request's body, looked at before an endpoint reads it.

A JSON complaint posted to the form's address under a form's type (``curl -d``, which
labels what it sends ``application/x-www-form-urlencoded``) or under none reads as a form
with no field a customer fills in: the form page again, and its body dropped. No browser's
form begins with ``{`` or ``[``, which it writes percent-encoded, so the first byte tells
them apart; the endpoint then reads the body whole, as sent."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import Message

#: What may stand before a JSON value: blanks, and a byte order mark's bytes.
_BEFORE = b" \t\r\n\xef\xbb\xbf"


async def peeked(request: Request) -> tuple[Request, bytes]:
    """``request`` to read as it was sent, and the first byte of its body that is no blank
    (``b""`` for none). What went wrong receiving (a body too slow) is raised to whoever
    reads the body, where it is answered."""
    held: list[Message] = []
    failed: Exception | None = None
    first = b""
    try:
        while True:
            message = await request.receive()
            held.append(message)
            if message["type"] != "http.request":
                break
            first = message.get("body", b"").lstrip(_BEFORE)[:1]
            if first or not message.get("more_body", False):
                break
    except Exception as exc:  # raised again below, to the reader
        failed = exc

    async def replayed() -> Message:
        if held:
            return held.pop(0)
        if failed is not None:
            raise failed
        return await request.receive()

    return Request(request.scope, replayed), first
