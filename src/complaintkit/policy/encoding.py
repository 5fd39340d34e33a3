"""The text of a policy file, which must be UTF-8; any other encoding is named where seen.

Windows editors save UTF-16 ("Unicode") and Chinese ones GBK (Big5 in Taiwan and Hong
Kong, Shift-JIS in Japan). Either would otherwise fail
as a YAML error about a NUL character, or as a byte offset an author cannot find, so a
UTF-16 or UTF-32 file is named as such and other bytes that are no UTF-8 get a line and
a column.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from typing import Final

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.model.big5_text import BIG5, big5_rather_than_gb18030
from complaintkit.model.file_kinds import file_kind
from complaintkit.model.japanese_text import SHIFT_JIS, japanese
from complaintkit.model.unmarked_wide import unmarked_wide

_HINT: Final = "save the policy as UTF-8 (in the editor's save-as dialog, encoding UTF-8)"
_LINE_END: Final = re.compile(r"\r\n|\r|\n")
_NUL_HINT: Final = (
    "delete it: a NUL is no policy's text (a run of them at the end is what a crash while "
    "saving leaves: restore the file from your copy)"
)
#: Most bytes decoded to show what a GBK (Big5…) file says where UTF-8 fails (a word or two).
_SHOWN: Final = 24
#: Byte order marks, longest first: a UTF-32 LE mark begins with the UTF-16 LE one.
_MARKS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_NOT_TEXT_HINT: Final = (
    "a policy is a YAML, JSON or TOML text file: write the SOP's rules into one (docs/policies.md)"
)


def policy_text(raw: bytes, file: str) -> str:
    """``raw`` decoded as UTF-8 (a leading byte order mark dropped); raises PolicyError."""
    start = Location(file, 1, 1)
    wide = _wide_encoding(raw)
    if wide is not None:
        raise _refused(start, f"the file is {wide} text, not UTF-8")
    kind = file_kind(raw)
    if kind is None and b"\x00" in raw:
        if (nul := _stray_nul(raw, file)) is not None:
            raise PolicyError([nul])
        kind = "not text (it holds NUL bytes)"
    if kind is not None:
        message = f"the file is {kind}" + ("" if kind.startswith("not") else ", not text")
        raise PolicyError([Problem(start, message, _NOT_TEXT_HINT, code="encoding")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8-sig", "replace")) + 1
        where = Location(file, raw.count(b"\n", 0, exc.start) + 1, column)
        message = f"the file is not UTF-8 text: byte 0x{raw[exc.start]:02X} here is no character"
        codec, named, short = _east_asian(raw)
        if shown := _as_read(raw, exc.start, codec):
            message = f"the file is {named} text, not UTF-8: here it reads {shown} in {short}"
        raise _refused(where, message) from None


def _stray_nul(raw: bytes, file: str) -> Problem | None:
    """The first NUL of UTF-8 text that holds no other control character but tabs and line
    ends (a paste from a terminal, an end a crash left zero-filled), at its line and
    column; None for bytes that are no such text."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    rest = text.replace("\x00", "")
    if not rest.strip() or any(c < " " and c not in "\t\r\n" for c in rest):
        return None
    at = text.index("\x00")
    ends = list(_LINE_END.finditer(text, 0, at))  # LF, CRLF or CR alone, as editors end lines
    line_start = ends[-1].end() if ends else 0
    where = Location(file, len(ends) + 1, at - line_start + 1)
    more = text.count("\x00") - 1
    message = "a NUL character (byte 00) is here" + (f", and {more} more after it" if more else "")
    return Problem(where, message, _NUL_HINT, code="encoding")


def _east_asian(raw: bytes) -> tuple[str, str, str]:
    """The codec, full and short name of the encoding a Chinese or Japanese Windows editor
    saved ``raw`` in as "ANSI": GBK, or Big5 (Taiwan, Hong Kong) or Shift-JIS when ``raw``
    reads as their text rather than as GBK's (``complaintkit.model.big5_text``)."""
    if japanese(raw) is not None:
        return SHIFT_JIS, "Shift-JIS (Japanese)", "Shift-JIS"
    if big5_rather_than_gb18030(raw):
        return BIG5, "Big5", "Big5"
    return "gb18030", "GBK (GB18030)", "GBK"


def _as_read(raw: bytes, at: int, codec: str) -> str:
    """The characters the bytes from ``at`` spell in ``codec``, when the whole file reads
    so; else empty."""
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return ""
    read = raw[at : at + _SHOWN].decode(codec, "ignore")  # a Big5 byte may be ASCII's: 品 A B7E
    return "".join(itertools.takewhile(lambda c: unicodedata.category(c) == "Lo", read))


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 when ``raw`` starts with their mark, or (with no mark) reads as
    one of them by the rule intake files are read by (``unmarked_wide``); None otherwise:
    bytes 00 01 02 are no policy's text in any."""
    for mark, name in _MARKS:
        if raw.startswith(mark):
            return name
    wide = unmarked_wide(raw)
    return wide[:6].upper() if wide else None


def _refused(where: Location, message: str) -> PolicyError:
    return PolicyError([Problem(where, message, _HINT, code="encoding")])
