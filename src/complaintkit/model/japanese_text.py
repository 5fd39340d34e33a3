"""Japanese text in Shift-JIS told from Chinese text in GBK.

Shift-JIS bytes nearly always decode as GB18030 too, into Chinese characters no one
writes together: kana and first-level kanji land outside GB2312, the 7,445 characters
nearly all Chinese text is written in (every character of 99% of 12,000 Chinese reviews
is one of them; never under half of any). Read as cp932 (Windows' Shift-JIS, which Excel
and Outlook write), the same bytes hold kana, which GBK text so read hardly ever does (none
of those reviews; a few rare characters in a row, at random, one text in 200,000). Bytes
showing both are Japanese: taken as Chinese, a complaint would be stored as mojibake. A
text of a word or two, with fewer kana, is too short to tell.

EUC-JP (older Unix mail, web forms) is laid out as GB2312 is: its kana are GB2312's kana,
at the same bytes, and its kanji other Chinese characters, so read as GB18030 it is
Chinese with kana among it. Chinese as people write it holds next to none (2 kana in one of
12,000 waimai reviews), so the same share of kana makes bytes that read as EUC-JP Japanese
where no charset says otherwise: unlabelled, or labelled Western. Under a GB label, kana
among Chinese characters are read as written.
"""

from __future__ import annotations

import re

#: The codec Japanese text from Windows is read with (a superset of Shift-JIS).
SHIFT_JIS = "cp932"
#: The codec Japanese text from older Unix mail is read with.
EUC_JP = "euc_jp"
#: Hiragana and katakana, which Japanese text is seldom without.
_KANA = re.compile("[\u3041-\u30ff]")
#: Kana letters alone: GBK's full-width tilde (A1AB) is EUC-JP's voiced sound mark.
_KANA_LETTERS = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
#: Below this share of GB2312 characters, a GB18030 reading is no Chinese anyone wrote.
_CHINESE_SHARE = 0.5
#: How many kana, and what share of the characters beyond ASCII, make text Japanese.
_FEWEST_KANA = 3
_KANA_SHARE = 0.2


def japanese(raw: bytes) -> str | None:
    """``raw`` read as cp932 if it is Japanese text rather than Chinese, else ``None``."""
    if raw.isascii():
        return None
    try:
        text = raw.decode(SHIFT_JIS)
        as_chinese = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if not _kana_enough(text):
        return None
    return None if looks_chinese(as_chinese) else text


def euc_japanese(raw: bytes) -> str | None:
    """``raw`` read as EUC-JP if it is Japanese text so written, else ``None``."""
    if raw.isascii():
        return None
    try:
        text = raw.decode(EUC_JP)
    except UnicodeDecodeError:
        return None
    try:
        if raw.decode("gb18030") == text:  # kana alone read alike: nothing to tell
            return None
    except UnicodeDecodeError:
        pass
    return text if _kana_enough(text, _KANA_LETTERS) else None


def _kana_enough(text: str, kana_in: re.Pattern[str] = _KANA) -> bool:
    """Whether ``text`` holds the kana (``kana_in``) Japanese text does, as a count and a
    share."""
    kana = len(kana_in.findall(text))
    wide = sum(not c.isascii() for c in text)
    return kana >= _FEWEST_KANA and kana >= _KANA_SHARE * wide


def looks_chinese(text: str) -> bool:
    """Whether ``text``, bytes read as GB18030, is Chinese as people write it: most of its
    characters beyond ASCII are GB2312's. Shift-JIS, Big5 or Latin-1 bytes so read are not."""
    return _gb2312_share(text) >= _CHINESE_SHARE


def _gb2312_share(text: str) -> float:
    """The share of ``text``'s characters beyond ASCII that GB2312 holds."""
    wide = [c for c in text if not c.isascii()]
    return sum(map(_in_gb2312, wide)) / len(wide) if wide else 1.0


def _in_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
