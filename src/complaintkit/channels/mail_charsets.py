"""Which codec reads a charset label found in mail.

Chinese mail often declares GB2312 or GBK while using GB18030 characters, and Big5 while
using HKSCS ones, Japanese Shift_JIS while using Windows' cp932 ones (①) and Korean EUC-KR
while using Windows' cp949 ones, so those labels, under any of their names, decode with
their superset codec. A label that names no
text codec (``base64``, ``rot13``, ``zlib``…) reads nothing. Text whose charset is not
named — a raw 8-bit header, a part labelled RFC 1428's ``unknown-8bit`` — is read as
UTF-8, else as GB18030, what Chinese mail without a label most often is; but Korean in
EUC-KR, which reads as GB18030's commonest characters, as Korean (``model.korean_text``),
and Russian in KOI8-R or Windows-1251, which may too, as such (``model.cyrillic_text``).

Bytes in another charset than their label often decode all the same, garbled: Big5 under
Outlook's default label GB2312 reads as GB18030 with private-use characters among the
words, GBK or Shift-JIS labelled ISO-8859-1 as C1 control characters. No text in a legacy
charset holds those, so text that does was read with the wrong label (``wrong_label``).
Japanese in Shift-JIS reads as GB18030 without either, as Chinese characters no one writes
together (``model.japanese_text``): it is ``garbled`` so, and read as cp932 when unlabelled.
ISO-2022-JP, 7-bit, reads as US-ASCII with escape sequences among its letters, which name
it whatever its label says: unlabelled, labelled US-ASCII as old Japanese mailers send it
(raw in headers too), or anything else, it is read as ISO-2022-JP. Russian in Windows-1251 or KOI8-R labelled with Western
Europe's charset (ISO-8859-1, Windows-1252, ISO-8859-15), as a mail program set to it
labels whatever it sends, reads in it as accented Latin letters alone: it is read in the
charset it was written in (``cyrillic_under``), Latin-1 text never so.
"""

from __future__ import annotations

import codecs
import re

from complaintkit.channels.web_charset_labels import WEB_LABELS
from complaintkit.model.cyrillic_text import CHARSETS as CYRILLIC
from complaintkit.model.cyrillic_text import cyrillic, mislabelled_latin, other_cyrillic
from complaintkit.model.japanese_text import EUC_JP, euc_japanese, japanese, looks_chinese
from complaintkit.model.korean_text import korean
from complaintkit.model.readable_as import WESTERN, cut_short, not_western
from complaintkit.model.short_russian import short_russian
from complaintkit.model.unmarked_wide import wide_encoding

#: Charset labels decoded with a superset codec (see the module docstring).
SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    # labels of these charsets (WHATWG's Encoding Standard) Python knows by no name
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "csshiftjis": "cp932",
    "windows-949": "cp949",
}
#: Python's text codecs no text is written in: read so, ``C:\\new`` would be ``C:`` and a
#: line break, and ``\\u4e2d`` 中 — words the customer never wrote.
NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"})
#: The codec each strict codec's text is really written in, under whichever of its names
#: it is labelled (``chinese`` and ``iso-ir-58`` are GB2312 to Python; ``ks_c_5601-1987``,
#: Outlook's label for Korean, is EUC-KR): GB2312 text holds GBK characters (镕, 喆),
#: Shift_JIS text Windows' ① and ㈱, EUC-KR text the syllables only Windows' UHC has, and
#: text labelled ISO-8859-1 by Windows mailers and browsers Windows-1252's curly quotes,
#: dashes and euro sign (the WHATWG Encoding Standard reads the label so too).
_WRITTEN_IN = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "iso8859-1": "cp1252",
}

#: Labels saying that the charset is not known (RFC 1428).
UNNAMED = frozenset({"unknown-8bit", "x-unknown"})
#: What text that is not UTF-8 is read as when its charset is not named.
FALLBACK = "gb18030"
#: The codecs text in no named charset is read with, in turn.
GUESSES = ("utf-8", FALLBACK)


#: Characters that show a legacy charset's bytes were read with the wrong label: C1
#: controls and the private-use area (the supplementary private planes are beyond these
#: codecs). Unicode text may hold private-use characters (an icon font's glyphs).
_GARBLED = re.compile("[\x80-\x9f\ue000-\uf8ff]")
#: The charsets a reason suggests for bytes whose label is wrong, in this order.
SUGGESTED = ("utf-8", "gb18030", "big5hkscs", "shift_jis", "euc_kr")


def wrong_label(text: str, codec: str) -> str | None:
    """The character showing that ``text`` was read with the wrong ``codec``, described;
    ``None`` when nothing shows it."""
    found = None if codec.startswith("utf") else _GARBLED.search(text)
    if found is None:
        return None
    return f"U+{ord(found.group()):04X} (character {found.start()})"


def clean_readings(data: bytes, but: str) -> list[str]:
    """The ``SUGGESTED`` codecs other than ``but`` that read ``data`` with nothing garbled
    (the charset of Cyrillic text instead, ``model.cyrillic_text``), and the UTF-16 or
    UTF-32 its byte order mark or NULs say it is in (``wide_encoding``)."""
    found = cyrillic(data) or short_russian(data)  # the CJK charsets read it too
    readings = (
        [found[0]]
        if found is not None and found[0] != but
        else [codec for codec in SUGGESTED if codec != but and _reads(data, codec) is not None]
    )
    if but != EUC_JP and _euc_japanese(data):  # GB18030 reads it as Chinese with kana in it
        readings = [codec for codec in readings if codec != FALLBACK] + [EUC_JP]
    wide = wide_encoding(data)
    return readings + ([wide] if wide is not None and wide != but else [])


#: The byte order marks of UTF-16 and UTF-32, which no 8-bit text starts with (FE and FF
#: lead no character in UTF-8 or GB18030, nor two NULs any text).
_WIDE_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)


def marked_wide(data: bytes) -> str | None:
    """``data`` read as the UTF-16 or UTF-32 its byte order mark says, without the mark;
    ``None`` when it starts with none, or that encoding does not read it whole."""
    encoding = wide_encoding(data) if data.startswith(_WIDE_MARKS) else None
    return None if encoding is None else data.decode(encoding).removeprefix("\ufeff")


#: Control characters beyond a line's own, which 8-bit text read as such never holds.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def eight_bit_under_wide(data: bytes, codec: str) -> bool:
    """Whether ``data``, labelled with UTF-16 or UTF-32's ``codec``, is 8-bit text (a
    script naming .NET's default over the UTF-8 it sends): it holds no NUL, as text in
    those holds beside each ASCII character, and reads as unlabelled text is read, without
    a control character (漏水 in UTF-16-LE, 0F 6F 34 6C, reads as UTF-8 only with one)."""
    if not codec.startswith(("utf-16", "utf-32")) or not data or b"\0" in data:
        return False
    text = guessed_text(data, as_written=True)
    return text is not None and _CONTROL.search(text) is None


def _reads(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if garbled(data, text, codec) else text


def garbled(data: bytes, text: str, codec: str) -> bool:
    """Whether ``text``, ``data`` read with ``codec``, shows it was written in another
    charset: a garbled character, Japanese read as Chinese, or Chinese, Korean or Russian
    read in Western Europe's charsets (``model.readable_as.not_western``)."""
    if wrong_label(text, codec) or (western(codec) and not_western(data) is not None):
        return True
    return codec == codecs.lookup(FALLBACK).name and japanese(data) is not None


def _euc_japanese(data: bytes) -> bool:
    """Whether ``data`` is Japanese in EUC-JP rather than Korean in EUC-KR, whose jamo
    (ㅋㅋㅋ) are EUC-JP's kana."""
    return korean(data) is None and euc_japanese(data) is not None


#: ISO-2022-JP's escapes into JIS X 0208 and JIS X 0201 Roman (RFC 1468), which no other
#: text holds (a ¥ or ‾ alone is written in the Roman set).
_JIS_ESCAPE = re.compile(rb"\x1b(?:\$[@B]|\(J)")


def iso_2022_jp(data: bytes) -> str | None:
    """``data`` read as ISO-2022-JP when it switches to Japanese as that does, else ``None``."""
    if not _JIS_ESCAPE.search(data):
        return None
    try:
        return data.decode("iso2022_jp_2")
    except UnicodeDecodeError:
        return None


def guessed_text(data: bytes, *, as_written: bool = False, whole: bool = False) -> str | None:
    """``data`` read with the first of ``GUESSES`` that reads it, Japanese and Korean as such;
    ``None`` if none does. ``as_written``: as GB18030 only when it reads as Chinese people
    write, not as characters no one writes together (Big5, or Shift-JIS without kana, so
    read): a complaint's words are refused rather than kept garbled. UTF-8 holding more
    than ASCII and cut short inside its last character is UTF-8 (``utf8_cut_short``),
    unless ``whole`` (a key, which a half character would make another's)."""
    if (text := iso_2022_jp(data)) is not None:
        return text
    if not whole and (cut := utf8_cut_short(data)) is not None:
        return cut
    for codec in GUESSES:
        if codec == FALLBACK and (text := _not_chinese_text(data)) is not None:
            return text  # EUC-KR or KOI8-R, which read as GB18030's commonest characters
        text = _reads(data, codec)
        if text is not None and (codec != FALLBACK or not as_written or looks_chinese(text)):
            return text
    return japanese(data)


def utf8_cut_short(data: bytes) -> str | None:
    """``data`` read as UTF-8 cut short inside its last character (by a gateway truncating
    a body or a Subject at a number of bytes, then ending its line), the half character
    as U+FFFD, when more than ASCII stands before it; ``None`` when it is not. GB18030
    reads most half characters as a whole one, garbling the text before it too (漏水 less
    a byte as 婕忔); ASCII and one byte beyond it may be Latin-1 (``caf\xe9``)."""
    text = data.rstrip(b" \t\r\n")
    if not cut_short(text, "utf-8"):
        return None
    read = data.decode("utf-8", errors="replace")
    return None if read.rstrip().removesuffix("\ufffd").isascii() else read


def _not_chinese_text(data: bytes) -> str | None:
    """``data`` read as the Korean, Cyrillic or EUC-JP Japanese text it is, if it is one."""
    if (text := korean(data)) is not None:
        return text
    if (found := cyrillic(data) or short_russian(data)) is not None:
        return found[1]
    return euc_japanese(data)


def cyrillic_under(data: bytes, codec: str) -> str | None:
    """``data``, labelled with ``codec``, read in the Cyrillic charset it was written in
    when ``codec`` is Western Europe's, or the other Cyrillic one, and ``data`` is Russian;
    else ``None``."""
    found = (
        mislabelled_latin(data)
        if western(codec)
        else other_cyrillic(data, codec)
        if codec in CYRILLIC
        else None
    )
    return None if found is None else found[1]


def western(codec: str) -> bool:
    """Whether ``codec`` reads one of Western Europe's charsets."""
    return codec in WESTERN  # which mail programs so set label any text with


def charset_codec(label: str) -> str:
    """The codec that decodes text labelled ``label``; ``LookupError`` if there is none.

    ``bytes.decode`` with a codec that is not a text codec (``base64``) raises
    ``LookupError`` too, and so does this for a text codec that is no charset
    (``unicode_escape``, ``punycode``), and for a label beyond ASCII, which Python reads
    as the name without its other characters (``utf-8\xff`` as UTF-8). Labels only the
    Encoding Standard knows (``windows-874``) are read as it reads them (``WEB_LABELS``).
    """
    if not label.isascii():  # no charset's name is: a stray byte, as sent, names none
        raise LookupError(f"unknown encoding: {label!r}")
    label = label.lower()
    try:
        name = codecs.lookup(SUPERSETS.get(label) or WEB_LABELS.get(label, label)).name
    except ValueError:  # a label holding NUL names no codec either
        raise LookupError(f"unknown encoding: {label!r}") from None
    if name in NOT_CHARSETS:
        raise LookupError(f"{label!r} is a Python codec, not a charset text is written in")
    return _WRITTEN_IN.get(name, name)
