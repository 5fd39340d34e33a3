"""An mbox file split into messages at its separator lines, and nowhere else.

A message starts at a ``From `` line that carries an envelope sender and an asctime date
(``From jane@example.com Mon Nov 23 09:00:00 2026``), as mboxrd and mboxcl readers expect.
The standard library's reader splits at *any* line starting with ``From ``, so a body line
such as "From here on it is broken" cut a complaint short and made its rest an empty
message whose bytes were kept nowhere. A line ends at LF, CRLF or a CR alone, as the
message parser reads lines: an mbox written with old Mac line endings is split too. A
byte order mark before the first separator (a Windows editor saved the file) is part of
the first message's bytes, not text before it. A message larger than the limit is counted
as it is read, never held (a line with no end too): it is ``Oversized``.

A writer that does not quote body lines (mboxo) may leave one in a separator's whole form
("From someone@x Sat Jan  3 01:05:34 1996" quoted in a complaint): it split the message,
its tail refused as 'From: header is missing'. A line of that form therefore starts a
message only where a separator stands: first in the file (blank lines aside), after a
blank line (mboxrd and mboxcl write one between messages), or followed by a header line
(``Name: value``: messages joined with no blank line between them). Right after a line
of text and before another it is a body line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from complaintkit.channels.mail_size import Oversized

_SEPARATOR = re.compile(
    rb"(?:\xef\xbb\xbf)?From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +"
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}\b"
)
#: a header field's line: a name of printable characters but the colon, then a colon
_HEADER = re.compile(rb"[\x21-\x39\x3b-\x7e]+[ \t]*:")


#: The most bytes of one line read at a time.
_PIECE = 1 << 16


def mbox_messages(path: Path, limit: int | None = None) -> Iterator[tuple[int, bytes]]:
    """``(number, raw)`` for each message, numbered from 1; ``raw`` is the message's exact
    bytes from its separator line up to the next one, so together they are the whole
    file — or ``Oversized`` for one of more than ``limit`` bytes. Text before the first
    separator, if any, comes first as number 0."""
    with path.open("rb") as handle:
        yield from mbox_stream(handle, limit)


def mbox_stream(
    handle: BinaryIO, limit: int | None = None, head: bytes = b""
) -> Iterator[tuple[int, bytes]]:
    """``mbox_messages`` of the mbox read from ``handle`` (after ``head``, its first bytes
    if already read), as it comes: standard input is split without a copy on disk."""
    number = size = 0
    lines: list[bytes] = []
    blank_before = True  # the start of the file is as a blank line
    held: bytes | None = None  # a separator's form after text, until its next line is read
    for piece, starts_line in _pieces(handle, head):
        if held is not None:
            if starts_line and _HEADER.match(piece):
                yield from _message(number, lines, size, limit)
                number, size = number + 1, 0
            size, held = _add(lines, held, size, limit), None
        if starts_line and _SEPARATOR.match(piece):
            if not blank_before:
                held, blank_before = piece, False
                continue
            yield from _message(number, lines, size, limit)  # the lines go first
            number, size = number + 1, 0
        size = _add(lines, piece, size, limit)
        blank_before = starts_line and piece.endswith((b"\n", b"\r")) and not piece.strip()
    if held is not None:
        size = _add(lines, held, size, limit)
    yield from _message(number, lines, size, limit)


def _message(
    number: int, lines: list[bytes], size: int, limit: int | None
) -> Iterator[tuple[int, bytes]]:
    """Message ``number`` of ``size`` bytes, its ``lines`` (cleared), if it is one: blank
    text before the first separator is none, unless it is longer than the limit."""
    raw = Oversized() if limit is not None and size > limit else _joined(lines)
    if raw.strip() or isinstance(raw, Oversized) or (raw and number):
        yield number, raw


def _add(lines: list[bytes], piece: bytes, size: int, limit: int | None) -> int:
    """``size`` and ``piece``'s length, ``piece`` held in ``lines`` within the limit."""
    size += len(piece)
    if limit is None or size <= limit:
        lines.append(piece)
    else:
        lines.clear()
    return size


def _pieces(handle: BinaryIO, head: bytes = b"") -> Iterator[tuple[bytes, bool]]:
    """Each line of ``head`` and then ``handle`` with its ending (LF, CRLF, or a CR alone),
    in pieces of at most ``_PIECE`` bytes (and ``head``), and whether a piece starts a
    line."""
    starts_line = True
    while chunk := head + handle.readline(_PIECE):  # up to each LF
        head = b""
        for piece in chunk.splitlines(keepends=True):
            yield piece, starts_line
            starts_line = piece.endswith((b"\n", b"\r"))


def _joined(lines: list[bytes]) -> bytes:
    """The bytes of ``lines``, which are cleared: a large message is not held twice."""
    raw = b"".join(lines)
    lines.clear()
    return raw
