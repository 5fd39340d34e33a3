"""Telling a UTF-16 or UTF-32 file with no byte order mark from a file of 8-bit text.

SQL Server's ``bcp -w`` and .NET exporters write UTF-16-LE without a mark. Read as UTF-8
or Latin-1, its ASCII text decodes — as every other character a NUL — so the file is
refused for whatever its header seems to lack, never for what it is. A header that holds
NULs and reads, in one of the wide encodings, as text without them names it. A policy file
is told by the same rule (``complaintkit.policy.encoding``).
"""

from __future__ import annotations

import codecs
import unicodedata
from typing import Final

#: The byte order marks of the wide encodings; UTF-32's little-endian one starts as UTF-16's.
_MARKS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: The wide encodings, each with its code unit's width; UTF-32 first, as UTF-16 would
#: read a UTF-32 text's ASCII too (with a NUL after each character).
#: Categories of characters no written text holds: controls, surrogates, private use and
#: unassigned code points.
_UNWRITTEN: Final = frozenset({"Cc", "Cs", "Co", "Cn"})
_WIDE: Final = (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2))


def unmarked_wide(raw: bytes) -> str | None:
    """The wide encoding ``raw`` — a header line, or a whole policy file, read as 8-bit
    text — is written in, or ``None``. Its line end may be cut (the line was split at its
    first byte), so only whole code units are read. Written text (``_written``) reads so
    when it is mostly Latin letters, or mostly other scripts (a Chinese header,
    投诉编号,客户,金额) but not 8-bit text with a stray NUL read two bytes at a time
    (``_paired``)."""
    if b"\x00" not in raw:
        return None
    for encoding, width in _WIDE:
        whole = raw[: len(raw) - len(raw) % width]
        try:
            text = whole.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _written(text):
            continue
        if sum(ord(c) < 0x100 for c in text) * 2 > len(text) or _paired(text) * 2 < len(text):
            return encoding
    return None


def _written(text: str) -> bool:
    """Whether ``text`` reads as written text: no control character but tabs and line
    ends (no NUL: NULs alone read as a line end alone), no unassigned or private one, and
    a letter or digit and some ASCII among them."""
    shown = all(c in "\t\r\n" or unicodedata.category(c) not in _UNWRITTEN for c in text)
    return shown and any(c.isalnum() for c in text) and any(c.isascii() for c in text)


def _paired(text: str) -> int:
    """How many characters of ``text`` are two printable ASCII bytes, as every character
    of 8-bit text read as UTF-16 is but where a NUL stands (``co`` as U+6F63); about a
    fifth of Chinese characters are."""
    return sum(0x20 <= ord(c) >> 8 <= 0x7E and 0x20 <= ord(c) & 0xFF <= 0x7E for c in text)


def wide_encoding(raw: bytes) -> str | None:
    """The wide encoding ``raw`` — bytes that were to be UTF-8 — is written in, by its byte
    order mark and text after it that the encoding reads or, with no mark, by its NULs
    (``unmarked_wide``); ``None`` if neither."""
    for mark, encoding in _MARKS:
        if raw.startswith(mark):
            try:
                return encoding if raw[len(mark) :].decode(encoding) else None
            except UnicodeDecodeError:
                return None
    return unmarked_wide(raw)
