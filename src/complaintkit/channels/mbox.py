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

A separator whose date is not asctime's — a script's ``echo "From $USER $(date)"`` under
a Chinese locale (``2026年 11月 23日 星期一 10:00:00 CST``), an RFC 5322 or ISO date — or
that has none (``From li@example.cn``) was no separator: every message after it was read
as the one before's body, several customers' complaints one case. Such a line, naming a
sender address or a time of day, starts a message when a header line follows it, after a
blank line or not (a script writes none between messages): a body line starting with
"From " seldom names either, and is seldom followed by a header line. One naming its
sender alone (``From root``, ``From MAILER-DAEMON``) did not split either: it starts a
message when the header of a mail follows it (``Return-Path:``, ``From:``, ``X-…:``), as
"From Monday" in a body, left unquoted by an mboxo writer, seldom is.

An mboxcl or mboxcl2 writer quotes no body line at all, but says how long each body is in
a ``Content-Length`` header: such a line after a blank line in the body would split it.
A length is trusted where it lands exactly on a separator, on a blank line before one, or
on the end of the file — the body it counts is the message's whatever lines it holds;
a length that lands elsewhere (an edited message, a header another tool wrote) is not,
and the lines are split as above. A length past the size limit is not looked at: the
message would be ``Oversized`` anyway, and the bytes it counts are held to look.

A message with no end — no separator after it in a pipe, standard input or a device
(``-o format=mbox /dev/zero``) — would be counted for ever: in a source of no known size,
one running on ``MAX_SKIPPED_CHARS`` bytes past the limit (as a JSON line past the longest)
is ``Endless``, and the source is read no further.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from complaintkit.channels import jsonl
from complaintkit.channels.files import known_size
from complaintkit.channels.mail_size import MAX_MESSAGE_BYTES, Endless, Oversized

_SEPARATOR = re.compile(
    rb"(?:\xef\xbb\xbf)?From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +"
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}\b"
)
#: a separator whose date is not asctime's (a script's ``$(date)`` in another locale, an
#: RFC 5322 or ISO date) or absent: it names a sender address or a time of day
_LOOSE_SEPARATOR = re.compile(rb"(?:\xef\xbb\xbf)?From (?:\S*@\S*|\S+ .*\b\d{1,2}:\d{2})")
#: a separator naming its envelope sender alone (``From root``, ``From MAILER-DAEMON``)
_BARE_SEPARATOR = re.compile(rb"(?:\xef\xbb\xbf)?From [\x21-\x7e]+[ \t]*(?:\r\n|\n|\r)?\Z")
#: a header field's line: a name of printable characters but the colon, then a colon
_HEADER = re.compile(rb"[\x21-\x39\x3b-\x7e]+[ \t]*:")
#: a line of a header a message starts with, which a bare separator is followed by
_MAIL_HEADER = re.compile(
    rb"(?:return-path|received|delivered-to|envelope-to|from|sender|reply-to|to|cc|subject"
    rb"|date|message-id|mime-version|status|in-reply-to|references|dkim-signature"
    rb"|authentication-results|precedence|user-agent|organization"
    rb"|(?:x|content|resent|list|arc)-[\x21-\x39\x3b-\x7e]+)[ \t]*:",
    re.IGNORECASE,
)
#: a header saying how many bytes the body holds (mboxcl, mboxcl2)
_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*([0-9]{1,18})[ \t]*\r?\n?\Z", re.IGNORECASE)


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
    pieces = _Pieces(_pieces(handle, head))
    endless = None if limit is None or known_size(handle) is not None else endless_past(limit)
    number = size = 0
    lines: list[bytes] = []
    blank_before = True  # the start of the file is as a blank line
    held: bytes | None = None  # a separator's form after text, until its next line is read
    follows = _HEADER  # the line that makes ``held`` a separator
    in_headers, length = False, None  # a message's header block, its Content-Length
    for piece, starts_line in pieces:
        if held is not None:
            if starts_line and follows.match(piece):
                yield from _message(number, lines, size, limit)
                number, size, in_headers, length = number + 1, 0, True, None
            size, held = _add(lines, held, size, limit), None
        if starts_line and (_SEPARATOR.match(piece) or _LOOSE_SEPARATOR.match(piece)):
            if not blank_before or not _SEPARATOR.match(piece):  # a header line must follow
                held, blank_before, follows = piece, False, _HEADER
                continue
            yield from _message(number, lines, size, limit)  # the lines go first
            number, size, in_headers, length = number + 1, 0, True, None
        elif starts_line and _BARE_SEPARATOR.match(piece):  # "From Monday" may be text
            held, blank_before, follows = piece, False, _MAIL_HEADER
            continue
        size = _add(lines, piece, size, limit)
        if endless is not None and size > endless:
            yield number, Endless()
            return
        blank_before = starts_line and piece.endswith((b"\n", b"\r")) and not piece.strip()
        if in_headers and blank_before:
            in_headers = False
            if length is not None and length <= (limit or MAX_MESSAGE_BYTES):
                for counted in pieces.counted(length):  # nothing when it lands elsewhere
                    size = _add(lines, counted, size, limit)
                    blank_before = True  # what comes next is a separator, or the end
        elif in_headers and length is None and starts_line and (said := _LENGTH.match(piece)):
            length = int(said[1])
    if held is not None:
        size = _add(lines, held, size, limit)
    yield from _message(number, lines, size, limit)


def endless_past(limit: int) -> int:
    """How many bytes of a message, ``limit`` the largest read, make it ``Endless``."""
    return limit + jsonl.MAX_SKIPPED_CHARS


class _Pieces:
    """The pieces ``_pieces`` gives, with a look ahead: ``counted`` takes a body whose
    length a header says, when that length lands where a message ends."""

    def __init__(self, pieces: Iterable[tuple[bytes, bool]]) -> None:
        self._pieces = iter(pieces)
        self._back: deque[tuple[bytes, bool]] = deque()

    def __iter__(self) -> Iterator[tuple[bytes, bool]]:
        for piece in self._pieces:  # a generator: no call per piece besides its own
            yield piece
            while self._back:  # what ``counted`` read to look, before the next is read
                yield self._back.popleft()

    def _next(self) -> tuple[bytes, bool] | None:
        return self._back.popleft() if self._back else next(self._pieces, None)

    def counted(self, length: int) -> list[bytes]:
        """The next pieces, ``length`` bytes in all, when they end where a separator
        line, a blank line before one, or the end of the file follows; otherwise none, and
        every piece read to look is read again."""
        taken: list[tuple[bytes, bool]] = []
        total = 0
        while total < length and (piece := self._next()) is not None:
            taken.append(piece)
            total += len(piece[0])
        after = [piece for piece in (self._next(), self._next()) if piece is not None]
        self._back.extendleft(reversed(after))
        if total == length and _ends_a_message(after):
            return [piece for piece, _ in taken]
        self._back.extendleft(reversed(taken))
        return []


def _ends_a_message(after: list[tuple[bytes, bool]]) -> bool:
    """Whether the (at most two) pieces ``after`` a body are what follows a message: a
    separator line, a blank line and one, or nothing more."""
    if after and after[0][1] and not after[0][0].strip() and after[0][0].endswith((b"\n", b"\r")):
        after = after[1:]  # the blank line an mboxcl2 writer ends a message with
    return not after or (after[0][1] and _SEPARATOR.match(after[0][0]) is not None)


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
