"""Korean text in EUC-KR told from Chinese text in GBK.

EUC-KR puts its Hangul syllables in the rows where GB2312 has its commonest Chinese
characters, so Korean bytes read whole as GB18030, as Chinese anyone would take for it
(배송이 너무 늦었어요 as 硅价捞 呈公 词菌绢夸). Read as cp949 (Windows' EUC-KR), Chinese GBK
bytes are Hangul often enough (很快很好 as 붤우붤봤), but seldom the syllables Korean is
written in: a few dozen (이, 다, 는, 요…) make up nearly half of any Korean text, and of
none of 12,000 Chinese reviews so read, their punctuation written as spaces. Bytes that
read as Hangul, in words spaced as Korean spaces them, most of them those, are Korean;
so are Hangul written together when even more of them are (at most two fifths of a Chinese
review so read).

EUC-KR's jamo are GB2312's hiragana, which Korean writes in runs of one letter: laughter
(ㅋㅋㅋ, ㅎㅎ) and tears (ㅠㅠ, ㅜㅜ). Read as GB18030 such a run is せせせ or ばば, which no
Chinese text holds and Japanese does not write, so text whose characters beyond ASCII are
those runs and Hangul is Korean. Other jamo read as kana Japanese doubles (ㄴㄴ as いい).
"""

from __future__ import annotations

import re

#: The codec Korean text from Windows is read with (a superset of EUC-KR).
KOREAN = "cp949"
_SYLLABLE = re.compile("[\uac00-\ud7a3]")
#: Two words of Hangul with a space between them, as Korean is written.
_SPACED = re.compile("[\uac00-\ud7a3] +[\uac00-\ud7a3]")
#: Runs of the jamo Korean repeats, read as GB18030 kana no text repeats.
_JAMO_RUN = re.compile("[\u314b\u314e]{2,}|[\u315c\u3160]{2,}")
#: The syllables Korean text is written in most: particles, endings and common words.
_COMMON = frozenset(
    "이다의는에하고을가지를기서로한사리자대어도나정수일시인으해게보만부제있것들상전주구과"
    "아여원국우세면습라장적화소비성었았거내경까데요네니그무했음됩없않같말생각오학동발행방"
    "위문법신공연회안출운계실물분치선유영개중당재결관민교통좀너왔어"
)
#: How many syllables, what share of the characters beyond ASCII, and what share of
#: them common ones make text Korean. A word or two is too short to tell.
_FEWEST_SYLLABLES = 5
_SYLLABLE_SHARE = 0.9
_COMMON_SHARE = 0.4
#: The share of common syllables that makes Hangul written together Korean.
_UNSPACED_COMMON_SHARE = 0.6


def korean(raw: bytes) -> str | None:
    """``raw`` read as cp949 if it is Korean text rather than Chinese, else ``None``."""
    if raw.isascii():
        return None
    try:
        text = raw.decode(KOREAN)
    except UnicodeDecodeError:
        return None
    syllables = _SYLLABLE.findall(text)
    jamo = sum(map(len, _JAMO_RUN.findall(text)))
    wide = sum(not c.isascii() for c in text)
    if len(syllables) + jamo < _SYLLABLE_SHARE * wide:
        return None
    if jamo:
        return text
    if len(syllables) < _FEWEST_SYLLABLES:
        return None
    share = _COMMON_SHARE if _SPACED.search(text) else _UNSPACED_COMMON_SHARE
    common = sum(s in _COMMON for s in syllables)
    return text if common >= share * len(syllables) else None
