"""A ``2xx`` answer's body, read for a chat robot's verdict (``robot_verdict``).

Read as a piece of text at a time: unpacked when the receiver compressed it (a gateway in
front of a robot may gzip its answer though it was not asked to), decoded in the charset
JSON is written in, and read only until the JSON object has closed, so that its size holds
no memory and a receiver that keeps the connection open after it holds no attempt. The
status has already said the message was taken; the body is waited for only briefly, and
what of it is not read (cut off, still dripping in, in an encoding not read) says nothing
against it.
"""

from __future__ import annotations

import codecs
import http.client
import json
import zlib
from collections.abc import Iterator, Mapping

from complaintkit.notify.http_deadline import Watchdog
from complaintkit.notify.json_members import Member, ObjectMembers
from complaintkit.notify.robot_verdict import FIELD_NAMES

#: How long a ``2xx`` answer's body is waited for once its status is in: a robot writes
#: its verdict with it, and a receiver that neither says the body's length nor hangs up
#: after it must not hold the attempt until its time runs out.
VERDICT_WAIT = 2.0

#: The most body text read for a verdict, unpacked: a robot's is a few dozen bytes, and a
#: receiver answering a body without end (or a small gzip of gigabytes of zeros) must not
#: keep the worker busy.
LONGEST_READ = 16 * 1024 * 1024

#: How much is read, or unpacked, at a time.
_PIECE = 64 * 1024

#: ``Content-Encoding`` values read, by the ``zlib`` window bits that unpack them (a
#: deflate body is zlib's format, or raw deflate as some servers send it: told apart by
#: its first two bytes).
_PACKED = {"gzip": 31, "x-gzip": 31, "deflate": 15}


def verdict_members(response: http.client.HTTPResponse, watchdog: Watchdog) -> Mapping[str, Member]:
    """The top-level members of ``response``'s JSON body a verdict is read from, as far as
    the body could be read in ``VERDICT_WAIT`` (``watchdog``'s own time if that is sooner)."""
    watchdog.limit(VERDICT_WAIT)
    members = ObjectMembers(FIELD_NAMES)
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in {"identity", *_PACKED}:  # several, or one not read: unread
        return {}
    body = _Body(_PACKED.get(encoding))
    while not (members.done or watchdog.expired or body.read > LONGEST_READ):
        try:
            data = response.read1(_PIECE)
        except (OSError, http.client.HTTPException):  # cut off, or the time ran out
            data = b""
        for text in body.text(data):
            if members.feed(text) or body.read > LONGEST_READ:
                break
        if not data:
            break
    return members.members


class _Body:
    """Turns the body's bytes into its text: unpacked, then decoded."""

    def __init__(self, window: int | None) -> None:
        self.read = 0  # bytes of text, unpacked
        self._window = window
        self._unpacker: zlib._Decompress | None = None
        self._packed_start = b""  # held until the unpacker can be told from it
        self._text_start = b""  # held until the charset can be told from it
        self._decoder: codecs.IncrementalDecoder | None = None

    def text(self, data: bytes) -> Iterator[str]:
        """The text ``data`` carries (``b""``: the body ended), a piece at a time."""
        ended = not data
        try:
            for plain in self._unpacked(data, ended):
                self.read += len(plain)
                text = self._decoded(plain, ended)
                if text:
                    yield text
        except zlib.error:  # packed wrongly: the rest is unread
            return

    def _unpacked(self, data: bytes, ended: bool) -> Iterator[bytes]:
        if self._window is None:
            yield data
            return
        if self._unpacker is None:
            self._packed_start += data
            if len(self._packed_start) < 2 and not ended:
                return
            data, self._packed_start = self._packed_start, b""
            self._unpacker = zlib.decompressobj(_window(self._window, data))
        yield self._unpacker.decompress(data, _PIECE)
        while self._unpacker.unconsumed_tail:
            yield self._unpacker.decompress(self._unpacker.unconsumed_tail, _PIECE)
        if ended:
            yield self._unpacker.flush()

    def _decoded(self, plain: bytes, ended: bool) -> str:
        if self._decoder is None:
            self._text_start += plain
            charset = _charset(self._text_start, ended)
            if charset is None:
                return ""
            plain, self._text_start = self._text_start, b""
            self._decoder = codecs.getincrementaldecoder(charset)(errors="replace")
        return self._decoder.decode(plain, final=ended)


def _window(bits: int, start: bytes) -> int:
    """zlib's window bits for a body that starts with ``start``: a deflate body without
    zlib's two-byte header is raw deflate."""
    if bits != 15 or len(start) < 2:
        return bits
    zlib_header = start[0] & 0x0F == 8 and (start[0] << 8 | start[1]) % 31 == 0
    return bits if zlib_header else -bits


def _charset(start: bytes, ended: bool) -> str | None:
    """The charset JSON text beginning with ``start`` is in (RFC 8259's readers take
    UTF-8, -16 and -32, told apart by where the first NUL bytes are); None: too soon to
    tell."""
    if len(start) >= 4 or ended:
        return json.detect_encoding(start)
    if len(start) >= 2 and 0 not in start[:2] and start[0] not in b"\xef\xfe\xff":
        return "utf-8"
    return None
