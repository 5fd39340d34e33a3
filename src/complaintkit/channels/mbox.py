"""An mbox file split into messages at its separator lines, and nowhere else.

A message starts at a ``From `` line that carries an envelope sender and an asctime date
(``From jane@example.com Mon Nov 23 09:00:00 2026``), as mboxrd and mboxcl readers expect.
The standard library's reader splits at *any* line starting with ``From ``, so a body line
such as "From here on it is broken" cut a complaint short and made its rest an empty
message whose bytes were kept nowhere. A line ends at LF, CRLF or a CR alone, as the
message parser reads lines: an mbox written with old Mac line endings is split too. A
byte order mark before the first separator (a Windows editor saved the file) is part of
the first message's bytes, not text before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_SEPARATOR = re.compile(
    rb"(?:\xef\xbb\xbf)?From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +"
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} +\d{1,2}:\d{2}\b"
)


def mbox_messages(path: Path) -> Iterator[tuple[int, bytes]]:
    """``(number, raw)`` for each message, numbered from 1; ``raw`` is the message's exact
    bytes from its separator line up to the next one, so together they are the whole
    file. Text before the first separator, if any, comes first as number 0."""
    number = 0
    lines: list[bytes] = []
    with path.open("rb") as handle:
        for line in _lines(handle):
            if _SEPARATOR.match(line):
                raw = _joined(lines)  # the lines go before the message is read
                if raw and (number or raw.strip()):
                    yield number, raw
                number += 1
            lines.append(line)
    raw = _joined(lines)
    if raw and (number or raw.strip()):
        yield number, raw


def _lines(handle: BinaryIO) -> Iterator[bytes]:
    """Each line of ``handle`` with its ending: LF, CRLF, or a CR alone."""
    for chunk in handle:  # up to each LF
        yield from chunk.splitlines(keepends=True)


def _joined(lines: list[bytes]) -> bytes:
    """The bytes of ``lines``, which are cleared: a large message is not held twice."""
    raw = b"".join(lines)
    lines.clear()
    return raw
