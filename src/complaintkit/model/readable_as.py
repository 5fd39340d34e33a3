"""Which other character set a record's bytes read as, when the one expected fails.

Chinese exports and clients write GBK (read as its superset GB18030) as often as UTF-8: a
record refused only with "not valid UTF-8 (byte 9)" leaves its producer guessing, while the
bytes themselves usually say which of the two they are. Japanese in Shift-JIS reads as
GB18030 too, as mojibake: it is advised as cp932 (``japanese_text``), Korean in EUC-KR,
which reads as common Chinese characters, as cp949 (``korean_text``), Russian in KOI8-R or
Windows-1251 as such (``cyrillic_text``), and Big5 (Taiwan, Hong Kong) as big5hkscs
(``big5_text``). The advice is a guess,
named as one, and only given for an encoding that reads every byte of the record.

The same two are told from GBK when a file is read as GBK (GB2312, GB18030), the user's
guess: UTF-8, Big5 and Shift-JIS bytes are often GBK too, and read whole, as characters
no one writes together (``misread``); GBK from Big5 when a file is read as Big5, and
UTF-8 from a one-byte charset (Latin-1, Windows-1252), which reads every byte — so do
Western Europe's charsets read Chinese, Korean or Russian text, as accented letters standing
together as no Western text's do (``model.byte_runs``): it is told the charset it is in.
Western text, whose accented letters stand alone among ASCII ones, is told Windows-1252
where GB18030 does not read it, or reads it as no Chinese (crème as cr鑝e).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from typing import Final

from complaintkit.model.big5_text import (
    BIG5,
    big5_rather_than_gb18030,
    gb18030_rather_than_big5,
)
from complaintkit.model.byte_runs import in_runs
from complaintkit.model.cyrillic_text import CHARSETS as CYRILLIC
from complaintkit.model.cyrillic_text import (
    cyrillic,
    mislabelled_latin,
    other_cyrillic,
    short_cyrillic,
)
from complaintkit.model.japanese_text import (
    EUC_JP,
    SHIFT_JIS,
    euc_japanese,
    japanese,
    looks_chinese,
)
from complaintkit.model.korean_text import KOREAN, korean
from complaintkit.model.short_russian import short_russian
from complaintkit.model.unmarked_wide import wide_encoding

#: The character sets records are written in, in the order they are suggested.
CANDIDATES: Final = ("utf-8", "gb18030")
#: The names Python gives GB18030 and the GBK and GB2312 it holds (``cp936`` is ``gbk``).
_GB: Final = frozenset({"gb18030", "gbk", "gb2312"})
#: The names Python gives Big5 and the Windows and Hong Kong charsets holding it.
_BIG5S: Final = frozenset({"big5", "big5hkscs", "cp950"})
#: A Chinese character (CJK Unified Ideographs).
_IDEOGRAPH: Final = re.compile("[\u4e00-\u9fff]")
#: The names Python gives Western Europe's charsets, which read every byte.
WESTERN: Final = frozenset({"iso8859-1", "cp1252", "iso8859-15"})


def readable_as(raw: bytes, expected: str) -> str | None:
    """The first of ``CANDIDATES`` other than ``expected`` that decodes all of ``raw``
    when ``expected`` does not; ``None`` when ``expected`` reads it or none does."""
    try:
        raw.decode(expected)
    except UnicodeDecodeError:
        pass
    else:
        return None
    expected_name = codecs.lookup(expected).name
    # another charset would read the half character (at the end, or inside) as one
    if cut_short(raw, expected) or (is_utf8(expected) and utf8_cut_inside(raw) is not None):
        return None
    for candidate in CANDIDATES:
        if codecs.lookup(candidate).name == expected_name:
            continue
        try:
            raw.decode(candidate)
        except UnicodeDecodeError:
            continue
        # Shift-JIS, EUC-KR or Big5 is not ``expected`` either: it would read ``raw``
        if candidate == "gb18030":
            return _not_gb18030(raw) or _western_rather_than_gb18030(raw) or candidate
        return candidate
    # in words of odd lengths, which GB18030 does not read; a few words from 4 letters
    if (found := cyrillic(raw) or short_cyrillic(raw)) is not None:
        return None if codecs.lookup(found[0]).name == expected_name else found[0]
    return _western(raw)


def misread(raw: bytes, expected: str) -> str | None:
    """The encoding ``raw``, which ``expected`` (GBK, GB2312 or GB18030) reads whole, was
    written in when it is UTF-8, Shift-JIS, EUC-KR or Big5 instead, so read as characters
    no one writes together — or GB18030, when ``expected`` is Big5 (big5hkscs, cp950), or UTF-8
    when it is a one-byte charset (``utf8_under``); ``None`` when it is none of them, or
    ``expected`` is another encoding; or the charset of Chinese, Korean or Russian text when
    it is one of Western Europe's (``not_western``), or of Russian in the other Cyrillic
    charset when it is Windows-1251 or KOI8-R."""
    name = codecs.lookup(expected).name
    if utf8_under(raw, name):
        return "utf-8"
    if name in WESTERN:
        return not_western(raw)
    if name in CYRILLIC:  # KOI8-R read as Windows-1251, or the other way
        return None if (found := other_cyrillic(raw, name)) is None else found[0]
    if raw.isascii() or name not in _GB | _BIG5S:
        return None
    if name in _BIG5S:
        return "gb18030" if gb18030_rather_than_big5(raw) else None
    # a GB label is believed of kana among Chinese characters, which EUC-JP's are
    return "utf-8" if utf8_rather_than_gb18030(raw) else _not_gb18030(raw, euc_jp=False)


def not_western(raw: bytes) -> str | None:
    """The charset ``raw``, which Western Europe's charsets read whole, is written in when
    its bytes beyond ASCII stand together as no Western text's do and it is Russian,
    Korean, Japanese or Chinese text in it (on the waimai reviews: every GBK one but 3
    written as 快,香,赞; 620 of the 768 in Big5, 40 of them as GB18030); else ``None``."""
    if not in_runs(raw):
        return None
    if (found := mislabelled_latin(raw)) is not None:
        return found[0]
    try:
        as_chinese = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return _not_gb18030(raw) or _chinese(as_chinese)


def _chinese(text: str) -> str | None:
    """``gb18030`` when ``text`` is Chinese as people write it, holding one of GB2312's
    characters at least (not signs alone: ``\xa0\xa0¡¡`` in Latin-1 reads as 牋 and an
    ideographic space)."""
    characters = "".join(_IDEOGRAPH.findall(text))
    return "gb18030" if characters and looks_chinese(text) and looks_chinese(characters) else None


def _not_gb18030(raw: bytes, *, euc_jp: bool = True) -> str | None:
    """The charset ``raw``, which reads whole as GB18030, is written in when it is Japanese
    (in Shift-JIS, or in EUC-JP unless not ``euc_jp``), Korean, Cyrillic or Big5 instead, so
    read as characters no one writes together; else ``None``."""
    if japanese(raw) is not None:
        return SHIFT_JIS
    if korean(raw) is not None:
        return KOREAN
    # after Korean: EUC-KR's jamo (ㅋㅋㅋ) are EUC-JP's kana
    if euc_jp and euc_japanese(raw) is not None:
        return EUC_JP
    if (found := cyrillic(raw)) is not None:
        return found[0]
    if (found := short_russian(raw)) is not None:
        return found[0]
    return BIG5 if big5_rather_than_gb18030(raw) else None


def utf8_rather_than_gb18030(raw: bytes) -> bool:
    """Whether ``raw``, which reads as GB18030, is UTF-8: valid UTF-8 (no GBK review of the
    waimai data is), holding a character UTF-8 writes in three bytes or more that text is
    written in (Chinese, an emoji) or an accented Latin letter inside a word (café), or
    not Chinese as people write it read as GB18030. A short GBK text may be UTF-8 too
    (漏水 reads ©ˮ, 谢谢 лл, 黏不 𤲻) and is GBK."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return (
        any(map(_written_wide, text))
        or _ACCENTED_IN_A_WORD.search(text) is not None
        or not looks_chinese(raw.decode("gb18030"))
    )


def _written_wide(character: str) -> bool:
    """Whether ``character`` is one UTF-8 writes in three bytes or more and text is written
    in: not private-use nor unassigned, nor a rare ideograph beyond the first two planes'
    (GBK read as UTF-8 makes those: 餅沒 as U+F79B and ], 黏不 as U+24CBB)."""
    return 0x800 <= ord(character) < 0x20000 and unicodedata.category(character) not in (
        "Co",
        "Cn",
        "Cs",
    )


#: An accented Latin letter beside an ASCII one, as Western words are written (café).
_ACCENTED_IN_A_WORD: Final = re.compile(
    "[A-Za-z][\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
    "|[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f][A-Za-z]"
)

#: A byte beyond ASCII beside an ASCII letter: an accented letter inside a word (café).
_IN_A_WORD: Final = re.compile(rb"[A-Za-z][\x80-\xff]|[\x80-\xff][A-Za-z]")

#: Every byte beyond ASCII, which a one-byte charset reads as one character each.
_HIGH = bytes(range(128, 256))


@functools.cache
def one_byte(codec: str) -> bool:
    """Whether ``codec`` reads each byte as one character (ISO-8859-1, Windows-1252…)."""
    return not codec.startswith("utf") and len(_HIGH.decode(codec, "replace")) == len(_HIGH)


def utf8_under(data: bytes, codec: str) -> bool:
    """Whether ``data``, labelled with the one-byte charset ``codec``, is UTF-8 instead:
    bytes beyond ASCII making whole UTF-8 characters are none such a charset's text holds
    (``é`` is ``Ã©`` read so), and read with its label it shows no control character."""
    if data.isascii() or not one_byte(codec):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def cut_short(raw: bytes, encoding: str) -> bool:
    """Whether ``raw`` is text in ``encoding`` but for a character cut short at its end,
    as a file copied or downloaded in part ends."""
    try:
        codecs.getincrementaldecoder(encoding)().decode(raw, final=False)
    except UnicodeDecodeError:
        return False  # a byte before the end is wrong
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return True
    return False


def is_utf8(encoding: str) -> bool:
    """Whether ``encoding`` is UTF-8, behind a byte order mark (``utf-8-sig``) or not."""
    return codecs.lookup(encoding).name in {"utf-8", "utf-8-sig"}


def utf8_cut_inside(raw: bytes) -> int | None:
    """Where ``raw`` is UTF-8 with a character cut short inside it (a byte lost by a tool
    splicing text): every place it does not read is a character's first bytes, the next
    character starting early, and at least twice as many characters of three bytes read
    whole around them (none of the 12,000 waimai reviews in GBK so reads; GB18030 would
    read the half character and the next as two); ``None`` when it is not."""
    start, cut, whole = 0, [], 0
    while True:
        try:
            whole += _three_byte(raw[start:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            whole += _three_byte(raw[start : start + exc.start].decode("utf-8"))
            begin, start = start + exc.start, start + exc.end
            if not 0xC2 <= raw[begin] <= 0xF4 or not all(
                0x80 <= b <= 0xBF for b in raw[begin + 1 : start]
            ):
                return None  # a stray byte, not a character's first ones
            cut.append(begin)
    return cut[0] if cut and whole >= 2 * len(cut) else None


def _three_byte(text: str) -> int:
    """How many of ``text``'s characters UTF-8 writes in three bytes or more."""
    return sum(ord(c) >= 0x800 for c in text)


def _western_rather_than_gb18030(raw: bytes) -> str | None:
    """``cp1252`` when ``raw``, which reads as GB18030, is Western text: so read it is no
    Chinese (an accented letter and the ASCII one after it are a rare GBK character,
    crème as cr鑝e), and its bytes beyond ASCII stand alone as Western accents do."""
    return None if _chinese(raw.decode("gb18030")) else _western(raw)


def _western(raw: bytes) -> str | None:
    """``cp1252`` when ``raw`` reads in it and its bytes beyond ASCII stand as Western
    text's accented letters do, alone among ASCII ones (``byte_runs``), not in runs as
    other charsets' characters (Latin-1's letters are Windows-1252's), one at least inside
    a word, beside an ASCII letter (not ``\xff\xff\xff`` alone, which no charset reads)."""
    if raw.isascii() or in_runs(raw) or not _IN_A_WORD.search(raw):
        return None
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "cp1252"


def utf8_advice(raw: bytes) -> str:
    """What to add to "is not valid UTF-8 (byte N)" about ``raw``: that it ends inside a
    character, or which encoding it reads as and how to convert it; empty if neither."""
    if (wide := wide_encoding(raw)) is not None:  # before a cut: its NULs read as UTF-8
        return f"; it reads as {wide.upper()}: write it in UTF-8 (iconv -f {wide} -t utf-8 converts a file)"
    if cut_short(raw, "utf-8"):
        return ": it ends inside a character, cut short"
    if (at := utf8_cut_inside(raw)) is not None:
        return (
            f": it is UTF-8 with a character cut short at byte {at}, a byte of it lost, "
            "not another charset: mend that character"
        )
    meant = readable_as(raw, "utf-8")
    if meant is None:
        return ""
    return f"; it reads as {meant.upper()}: write it in UTF-8 (iconv -f {meant} -t utf-8 converts a file)"
