"""A request body read up to a limit, counted as it arrives: a client may declare its
length (``Content-Length``) or not (chunked), may send more or less than it declared, and
may send it too slowly (``body_deadline``)."""

from __future__ import annotations

import codecs

from starlette.requests import ClientDisconnect, Request

from complaintkit.api.body_deadline import BodyTimedOut
from complaintkit.api.form_fields import declared_charset
from complaintkit.api.media_type import JSON_TYPES, check_media_type, content_type
from complaintkit.channels.charset_param import stray_byte
from complaintkit.channels.http_body import misread_advice
from complaintkit.errors import InvalidInput


class BodyTooLarge(InvalidInput):
    """A body over ``limit`` bytes: ``head`` is its first ``limit`` bytes, ``declared`` the
    length the client declared, if any."""

    def __init__(self, limit: int, head: bytes, declared: int | None) -> None:
        self.limit = limit
        self.head = head
        self.declared = declared
        size = "exceeds" if declared is None else f"is {declared} bytes, over"
        super().__init__("body", f"{size} the limit of {limit} bytes")


class BodyCutShort(InvalidInput):
    """A body whose client closed the connection before sending it all: ``head`` is what
    arrived, ``declared`` the length the client declared, if any."""

    def __init__(self, head: bytes, declared: int | None) -> None:
        self.head = head
        self.declared = declared
        of = "" if declared is None else f" of the {declared} declared"
        super().__init__(
            "body", f"ended after {len(head)} bytes{of}: the client closed the connection"
        )


#: The key of a request's ASGI ``state`` a server sets when it refused the chunks of the
#: body being read (``unreadable_http``): the application then sees the connection close.
CHUNKS_REFUSED = "chunks_refused"


class ChunksRefused(BodyCutShort):
    """A chunked body the server stopped reading, its chunks broken off: ``head`` is what
    arrived. The client closed nothing; it is the one to mend."""

    def __init__(self, head: bytes) -> None:
        self.head = head
        self.declared = None
        InvalidInput.__init__(
            self,
            "body",
            f"broke off after {len(head)} bytes: its chunks are not as HTTP writes them (a "
            "chunk's size is no hex number, or a chunk does not end where its size says), "
            "and the server read no further; send it again whole",
        )


class BodyTooSlow(BodyCutShort):
    """A body not whole within the server's ``body_timeout``: ``head`` is what arrived."""

    def __init__(self, head: bytes, declared: int | None, seconds: float) -> None:
        self.head = head
        self.declared = declared
        of = "" if declared is None else f" of the {declared} declared"
        InvalidInput.__init__(
            self,
            "body",
            f"was not whole within {seconds:g} s ({len(head)} bytes{of} arrived): send it "
            "again at once",
        )


class BodyNotAsDeclared(InvalidInput):
    """A body the server handed over at another length than ``Content-Length`` declared
    (servers check it; one that does not may cut a body short or run two together)."""

    def __init__(self, head: bytes, declared: int) -> None:
        self.head = head
        self.declared = declared
        super().__init__(
            "Content-Length",
            f"declares {declared} bytes but the body has {len(head)}: send the length of "
            "the body as sent",
        )


def declared_length(request: Request) -> int | None:
    """The ``Content-Length`` header as a number, if it is one (a few ASCII digits)."""
    value = request.headers.get("content-length")
    if value is None or not (value.isascii() and value.isdigit()) or len(value) > 20:
        return None
    return int(value)


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or ``BodyTooLarge`` once more than ``limit`` bytes arrived: a body
    declared longer is read up to the limit all the same, so what came can be kept.
    ``BodyCutShort`` (with what did arrive) if the client closed the connection first
    (``ChunksRefused`` if the server closed it, refusing the chunks),
    ``BodyTooSlow`` if it did not send it all in time, ``BodyNotAsDeclared`` if the body is
    whole at another length than declared."""
    declared = declared_length(request)
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise BodyTooLarge(limit, bytes(body[:limit]), declared)
    except ClientDisconnect:  # no one is waiting for the answer: no bug to log, either
        if request.scope.get("state", {}).get(CHUNKS_REFUSED):
            raise ChunksRefused(bytes(body)) from None
        raise BodyCutShort(bytes(body), declared) from None
    except BodyTimedOut as exc:
        raise BodyTooSlow(bytes(body), declared, exc.seconds) from None
    if declared is not None and len(body) != declared:
        raise BodyNotAsDeclared(bytes(body), declared)
    return bytes(body)


def json_in_utf8(request: Request, body: bytes) -> bytes:
    """``body``, unless it is sent compressed (``InvalidInput`` naming ``Content-Encoding``:
    its bytes would be refused as "not valid UTF-8", which names no cause) or its
    ``Content-Type`` declares a charset other than UTF-8 that would read its bytes
    otherwise (naming ``Content-Type``). JSON is read as UTF-8 only, and GBK bytes are
    often valid UTF-8 too: read as UTF-8, 漏水 in GBK is ``©ˮ``. A body in ASCII that reads
    the same in the charset declared is taken (``foreign_charset``). A ``Content-Type``
    that is no JSON (XML, a file) is an ``UnsupportedMediaType``."""
    check_media_type(content_type(request), JSON_TYPES)
    codings = request.headers.getlist("content-encoding")
    if len(codings) > 1:  # which one was read would decide how the bytes are read
        raise InvalidInput(
            "Content-Encoding",
            f"is sent {len(codings)} times; send the body without Content-Encoding",
        )
    coding = codings[0].strip() if codings else ""
    if coding and coding.lower() != "identity":
        raise InvalidInput(
            "Content-Encoding",
            f"is {coding!r:.60}; a body is read as sent, not decompressed: send it without "
            "Content-Encoding",
        )
    charset = foreign_charset(request, body)
    if why := stray_byte(charset):
        raise InvalidInput("Content-Type", f"{why}; a JSON body is read as UTF-8: send it in UTF-8")
    if charset is not None:
        advice = misread_advice(body, charset)  # Big5 labelled gbk: which to send
        raise InvalidInput(
            "Content-Type",
            f"declares charset={charset}; "
            + (
                f"the body {advice}"
                if advice
                else "a JSON body is read as UTF-8 only: send it in UTF-8 (the charset may be "
                "left out)"
            ),
        )
    return body


def foreign_charset(request: Request, body: bytes) -> str | None:
    """The charset other than UTF-8 that ``request`` declares for ``body`` (kept with the
    body's dead letter, so a retry reads it as sent), or ``None``: also ``None`` for a body
    in ASCII that reads the same in it, which UTF-16 of ASCII text, all bytes below 128,
    does not; one holding a stray byte (``stray_byte``) whatever the body."""
    charset = declared_charset(request.headers.get("content-type", ""))
    if not charset:  # none, or an empty one (``charset=""``): nothing is declared
        return None
    if stray_byte(charset):  # no charset: kept so, a retry is given the one meant
        return charset
    if body.isascii() and _reads_as_ascii(body, charset):
        return None
    try:
        utf8 = codecs.lookup(charset).name == "utf-8"
    except (LookupError, ValueError):  # ValueError: a name holding NUL
        utf8 = False
    return None if utf8 else charset


def _reads_as_ascii(body: bytes, charset: str) -> bool:
    """Whether ASCII ``body`` is the same text in ``charset``; a charset Python cannot read
    text in (unknown, or ``rot13``) is taken to be ASCII's, as most are."""
    try:
        return body.decode(charset) == body.decode("ascii")
    except UnicodeDecodeError:
        return False
    except (LookupError, ValueError):  # ValueError: a name holding NUL
        return True
