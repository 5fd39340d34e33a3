"""Big5 bytes told apart from GBK's, when a row that is not UTF-8 reads as both.

Traditional Chinese from Taiwan or Hong Kong is written in Big5. Its bytes read as
GB18030 too, as characters no one writes together (外賣送得太慢了 as 芥癳眔び篊逗): a row
advised ``-o encoding=gb18030`` was taken in so, garbled, when the advice was followed.
Each charset puts the characters people write most in a block of its own (GB2312's first
level, Big5's common characters, and their punctuation); the reading whose characters are
more often in its block is the one the row was written in. So too the other way: GBK read
as Big5 (a user's wrong guess, ``-o encoding=big5``) is characters no one writes together.
"""

from __future__ import annotations

import re

from complaintkit.model.japanese_text import looks_chinese

#: The codec reading Big5, with the Hong Kong characters (HKSCS) it lacks.
BIG5 = "big5hkscs"

#: Hiragana and katakana, GB2312's rows 4 and 5, where Big5 has its commonest characters.
_KANA = re.compile("[\u3041-\u30ff]")
#: Lead bytes of each charset's punctuation and most written characters.
_GB2312_COMMON = ((0xA1, 0xA3), (0xB0, 0xD7))
_BIG5_COMMON = ((0xA1, 0xA3), (0xA4, 0xC6))


def big5_rather_than_gb18030(raw: bytes) -> bool:
    """Whether ``raw``, which reads as GB18030, is Big5: so read it is not Chinese as
    people write it, or holds kana, as Big5's commonest characters read (不 as ぃ, 太 as
    び), and read as Big5 more of it is common characters (on pieces of the waimai
    reviews, 2 to 10 characters, 9 in 10 of those in Big5, where kana made it 8; no more
    of those in GBK)."""
    try:
        as_big5 = raw.decode(BIG5)
    except UnicodeDecodeError:
        return False
    as_gb = raw.decode("gb18030", "replace")
    if looks_chinese(as_gb) and not _KANA.search(as_gb):
        return False
    return _common_share(as_big5, "big5", _BIG5_COMMON) > _common_share(
        as_gb, "gb2312", _GB2312_COMMON
    )


def gb18030_rather_than_big5(raw: bytes) -> bool:
    """Whether ``raw``, which reads as Big5, is GBK (GB18030): so read it is Chinese as
    people write it, and no less of it is GB2312's common characters than read as Big5 is
    Big5's (on the waimai reviews: 9,518 of the 9,520 GBK ones Big5 reads, none of the 768
    in Big5)."""
    try:
        as_gb = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    if not looks_chinese(as_gb):
        return False
    as_big5 = raw.decode(BIG5, "replace")
    return _common_share(as_gb, "gb2312", _GB2312_COMMON) >= _common_share(
        as_big5, "big5", _BIG5_COMMON
    )


def gb2312_common_share(text: str) -> float:
    """The share of ``text``'s characters beyond ASCII that are GB2312's punctuation or
    its first level, the characters Chinese is written in most."""
    return _common_share(text, "gb2312", _GB2312_COMMON)


def _common_share(text: str, charset: str, leads: tuple[tuple[int, int], ...]) -> float:
    """The share of ``text``'s characters beyond ASCII whose ``charset`` bytes start with
    one of ``leads``."""
    wide = [c for c in text if not c.isascii()]
    return sum(_led_by(c, charset, leads) for c in wide) / len(wide) if wide else 0.0


def _led_by(character: str, charset: str, leads: tuple[tuple[int, int], ...]) -> bool:
    try:
        encoded = character.encode(charset)
    except UnicodeEncodeError:
        return False
    return len(encoded) == 2 and any(low <= encoded[0] <= high for low, high in leads)
