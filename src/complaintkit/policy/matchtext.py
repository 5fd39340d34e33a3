# ruff: noqa: RUF002 -- Greek and German letters name what case folding does
"""The form keywords and complaint text are compared in, however the text was typed.

Customers type in any case, paste from web pages and word processors (a zero width space
in 食品, a soft hyphen in "re-fund" that shows as "refund", a no-break space), write é as
e plus a combining accent, and send mail bodies wrapped mid-phrase ("food\\npoisoning").
Each way the same words read alike on screen. So keywords, their ``except`` phrases and
the text they are sought in are brought to one form before matching: default-ignorable
characters removed, every space-like character, tab and line break a plain space, case
folding (ß and SS, ς and σ alike: not just lowercasing), then NFC; and look-alikes of ASCII
(full-width forms, a curly apostrophe: :mod:`~complaintkit.policy.lookalikes`) as ASCII,
always in a keyword, in a text when the keyword index finds one that can matter. The
stored text is never changed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from complaintkit.policy.lookalikes import plain_lookalikes

#: Unicode's Default_Ignorable_Code_Point (soft hyphen, zero width space and joiners, word
#: joiner, bidi marks, variation selectors, byte order mark, tags), as code point ranges.
_IGNORABLE: Final = (
    (0xAD, 0xAD), (0x34F, 0x34F), (0x61C, 0x61C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
#: White space beyond ASCII: no-break and ideographic spaces, line and paragraph separators.
_SPACES: Final = (
    (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
    (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000),
)  # fmt: skip


def _chars(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges)


_IGNORED: Final = re.compile(f"[{_chars(_IGNORABLE)}]+")
_SPACE: Final = re.compile(f"[{_chars(_SPACES)}]")
#: Those characters in UTF-8, for the keyword index to seek with its keywords: a text holding
#: none (nearly every text) is scanned once, unchanged; a regex class over the same ranges
#: costs a mixed Chinese and English text more than its scan. The tags (U+E0000…U+E0FFF)
#: are the one range sought by their two leading bytes.
ODD_BYTES: Final = (
    *(chr(c).encode() for low, high in (*_IGNORABLE[:-1], *_SPACES) for c in range(low, high + 1)),
    "\U000e0000".encode()[:2],
)
_RUN: Final = re.compile(" {2,}")
#: Line breaks and tabs as the plain space a keyword is written with; CR LF is one break.
_ASCII_SPACE: Final = bytes.maketrans(b"\t\n\r", b"   ")
#: Those three as the byte values ``in`` seeks in bytes.
_CR: Final = ord("\r")
_LF: Final = ord("\n")
_TAB: Final = ord("\t")


def without_ignorable(text: str) -> str:
    """``text`` without the default-ignorable characters, which no font draws."""
    return _IGNORED.sub("", text)


def without_odd(text: str) -> str:
    """``text`` without default-ignorable characters, and other white space as a space."""
    return _SPACE.sub(" ", _IGNORED.sub("", text))


def match_bytes(text: str) -> bytes:
    """``text`` in the form keywords are matched in, as the UTF-8 the index scans, but for
    the characters :data:`ODD_BYTES` finds: the caller removes those with
    :func:`without_odd` first, when any is there."""
    if text.isascii():
        data = text.lower().encode()
    else:
        text = text.casefold()  # before NFC: folding may decompose (ΐ), never the reverse
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        data = text.encode()
    # each ``in`` of a byte's value is one memchr, far cheaper than translating (``b"\r"
    # in data`` is dearer: bytes first tries the operand as an int, raising and clearing
    # a TypeError with its message)
    if _CR in data:
        return data.replace(b"\r\n", b" ").translate(_ASCII_SPACE)
    if _LF in data or _TAB in data:
        return data.translate(_ASCII_SPACE)
    return data


def plain_bytes(text: str) -> bytes:
    """:func:`match_bytes` of ``text`` with no odd character and no look-alike left: what
    the keyword index scans when the plain form did not do."""
    return match_bytes(plain_lookalikes(without_odd(text)))


def match_form(phrase: str) -> str:
    """A policy's keyword or phrase in the form it is matched in, runs of spaces as one."""
    return _RUN.sub(" ", plain_bytes(phrase).decode()).strip(" ")
