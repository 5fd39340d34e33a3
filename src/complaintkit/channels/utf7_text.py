"""UTF-7 text read as mail programs read it, plus signs written bare included.

In UTF-7 (RFC 2152) a ``+`` opens a run of base64 letters encoding UTF-16, and a plus
sign itself is written ``+-``. Senders that label plain ASCII ``utf-7`` (old Outlook
settings, scripts) write it bare — ``2+2=4``, ``C++``, ``+5 euro`` — and a strict
decoder refuses the part: ``+5`` opens a run of six bits, no character. A run that
encodes no whole characters of text was never one, so it is read as written, its ``+``
the plus it is (at the end of the text too, where the standard library's decoder drops
it); a run that does encode them reads as UTF-7 says.
"""

from __future__ import annotations

import re
import unicodedata

#: A ``+`` and the base64 letters after it, with the ``-`` that may end them.
_SHIFT = re.compile(rb"\+([A-Za-z0-9+/]*)(-?)")
_LINE_SPACE = frozenset("\t\n\r")
#: Unicode categories no text holds: controls, surrogates.
_NO_TEXT = frozenset({"Cc", "Cs"})


def utf7_text(payload: bytes) -> str:
    """``payload`` read as UTF-7, a ``+`` that opens no character read as a plus sign;
    ``UnicodeDecodeError`` (the strict decoder's) for 8-bit bytes, which no UTF-7 holds."""
    if not payload.isascii():
        return payload.decode("utf-7")  # raises, naming the first of them
    read: list[str] = []
    at = 0
    while (found := _SHIFT.search(payload, at)) is not None:
        read.append(payload[at : found.start()].decode("ascii"))
        letters, closed = found.group(1), found.group(2)
        characters = _run(letters) if letters else None
        if characters is not None:
            read.append(characters)
            at = found.end()
        elif closed and not letters:  # ``+-``
            read.append("+")
            at = found.end()
        else:  # a bare plus, and the letters after it as written (``C++``, ``+5``)
            read.append("+" + letters.decode("ascii"))
            at = found.start() + 1 + len(letters)
    read.append(payload[at:].decode("ascii"))
    return "".join(read)


def _run(letters: bytes) -> str | None:
    """The characters the base64 ``letters`` of one run encode, if they encode whole ones,
    with no bits left over, and none that no text holds: a control character, or half of one (a
    lone surrogate)."""
    try:
        characters = (b"+" + letters + b"-").decode("utf-7")
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(c) in _NO_TEXT and c not in _LINE_SPACE for c in characters):
        return None
    return characters
