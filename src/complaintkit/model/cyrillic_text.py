# ruff: noqa: RUF001, RUF002 -- Cyrillic letters and Russian punctuation on purpose
"""Russian and Ukrainian text in Windows-1251 or KOI8-R told from Chinese text in GBK.

Both charsets write each Cyrillic letter as one byte beyond ASCII, so a text whose words all
have an even number of letters reads whole as GB18030: KOI8-R as common Chinese characters
(Утюг пришел сломан as 踉狼 幸邵盘 犹贤廖), Windows-1251 as rarer ones. GBK bytes read in
either charset are Cyrillic letters too, often enough, but in no case a word is written in
(ЛНІНМ), beside signs no Russian text holds between letters (Г»У) and letters no Russian
text is mostly made of. Bytes that read as words of Russian or Ukrainian letters, more of
them than Latin ones (Latin-1's è and à read as и and а), the letters as frequent as
Russian's, are Cyrillic — in any case from 16 letters, or when GB18030 does not read them
(a customer may write НЕ ВЕРНУЛИ among lower-case words, or ТоВаР); a few words that
GB18030 reads whole, only when each is in lower case, capitalised or in capitals and most
of the text in lower case or all of it in capitals: GBK's bytes so read are letters in
mixed case. Of the charsets that so read
them, the one whose letters are the commonest is the one they were written in (a text in
capitals read in the other is in lower case). Under 16 letters, a few words are too short to
tell: pieces of Chinese reviews that short do read so, now and then.

Under a Latin-1 label (ISO-8859-1, Windows-1252), which mail programs set to Western Europe
put on whatever they send, Russian's bytes read as accented Latin letters alone
(Утюг as Óòþã). Latin-1 text read as Cyrillic has its accented letters among Latin ones,
inside words (perché as perchй, già as giа), which Russian text never mixes: text that
reads as Cyrillic with no such word, in 8 different letters at least (as any Russian text
of 16 letters has; not àààà…), is Russian mislabelled (``mislabelled_latin``). So is a
shorter one, from 4 letters, half of them different, whose bytes beyond ASCII stand
together as Latin-1's accented letters do not (``model.byte_runs``): a subject (Жалоба), a
few words (Утюг сломан). Windows-1251 and KOI8-R read each other's Russian too, as letters
in the wrong case (Утюг as хФАЗ): text so labelled that reads as Russian only in the other
is in the other (``other_cyrillic``).
"""

from __future__ import annotations

import re
from typing import Final

from complaintkit.model.byte_runs import in_runs

#: The charsets Cyrillic text without a label is written in, in the order a tie is settled
#: (KOI8-U reads KOI8-R's letters alike and Ukrainian's besides).
CHARSETS: Final = ("cp1251", "koi8-r", "koi8-u")
_LETTERS: Final = "А-яЁёІіЇїЄєҐґ"
_WORD: Final = re.compile(f"[{_LETTERS}]+")
#: The characters beyond ASCII Russian text holds besides its letters.
_SIGNS: Final = frozenset("«»—–…№“”„‘’\u00a0")
#: Signs of those no word holds between its letters (an apostrophe, Ukrainian's, may).
_WEDGED: Final = re.compile(f"[{_LETTERS}][«»—–…№“”„]+[{_LETTERS}]")
_LATIN: Final = re.compile("[A-Za-z]")
#: A Latin letter beside a Cyrillic one, in one word.
_MIXED: Final = re.compile(f"[A-Za-z][{_LETTERS}]|[{_LETTERS}][A-Za-z]")
_ONLY_RUSSIAN: Final = re.compile("[ЫыЭэЪъЁё]")
_ONLY_UKRAINIAN: Final = re.compile("[ІіЇїЄєҐґ]")
#: How often each letter is written in Russian, per thousand letters.
_FREQUENCY: Final = {
    "о": 110,
    "е": 85,
    "а": 80,
    "и": 74,
    "н": 67,
    "т": 63,
    "с": 55,
    "р": 47,
    "в": 45,
    "л": 44,
    "к": 35,
    "м": 32,
    "д": 30,
    "п": 28,
    "у": 26,
    "я": 20,
    "ы": 19,
    "ь": 17,
    "г": 17,
    "з": 17,
    "б": 16,
    "ч": 14,
    "й": 12,
    "х": 10,
    "ж": 9,
    "ш": 7,
    "ю": 6,
    "ц": 5,
    "щ": 4,
    "э": 3,
    "ф": 3,
    "ъ": 1,
    "ё": 1,
}
#: Fewer letters than this are too short to tell; Russian text scores about 55 on average
#: (letters at random about 30, GBK bytes so read at most 37 of 1,000,000 pieces of reviews).
_FEWEST_LETTERS: Final = 16
_COMMONEST: Final = 40.0
_RUSSIAN_LETTERS: Final = frozenset(_FREQUENCY)
#: The fewest different letters text under a Latin-1 label is read as Russian in (half
#: of a shorter text's letters).
_FEWEST_KINDS: Final = 8
#: The fewest letters text under a Latin-1 label whose bytes stand in runs is read in.
_SHORTEST: Final = 4


def cyrillic(
    raw: bytes, fewest: int = _FEWEST_LETTERS, *, chinese: bool | None = None
) -> tuple[str, str] | None:
    """The charset ``raw`` is Cyrillic text in and the text, when it is, in ``fewest``
    letters at least; else ``None``. Mixed case counts from 16 letters, and when GB18030
    does not read ``raw``: only GBK's bytes, read as Cyrillic, are letters in no case words
    are written in, and so many of them are also signs no Russian holds (a word in mixed
    case must be spelt as Russian is, as GBK's so read seldom is). A reading as
    Russian is mostly written beats one in mixed case (Плохо, read in KOI8-R, is оКНУН).
    ``chinese``: whether the text ``raw`` was cut from reads as GB18030, when not ``raw``."""
    if raw.isascii():
        return None
    if chinese is None:
        chinese = _reads_as_gb18030(raw)
    any_case = fewest >= _FEWEST_LETTERS or not chinese
    best: tuple[bool, float, str, str] | None = None
    for charset in CHARSETS:
        try:
            text = raw.decode(charset)
        except UnicodeDecodeError:
            continue
        usual = _as_mostly_written(text)
        if not usual and not all(map(spelt_as_russian, _mixed_words(text))):
            continue  # GBK's bytes so read: ХжКЗИГИЛ, НЖАґНЖИҐ
        score = _commonness(text, fewest)
        if (
            score >= _COMMONEST
            and (usual or any_case)
            and (best is None or (usual, score) > best[:2])
        ):
            best = (usual, score, charset, text)
    return None if best is None else best[2:]


def beside_cyrillic(raw: bytes) -> tuple[str, str] | None:
    """The charset ``raw`` is Cyrillic text in and the text, from 4 letters (a subject,
    Жалоба), when the text around it is Cyrillic: alone, so short, it is no sign."""
    return cyrillic(raw, _SHORTEST)


def _reads_as_gb18030(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def mislabelled_latin(raw: bytes, *, chinese: bool | None = None) -> tuple[str, str] | None:
    """The charset ``raw``, labelled Latin-1, is Cyrillic text in and the text, when it is
    and no word of it mixes Latin letters with Cyrillic ones; else ``None``. ``chinese``
    as ``cyrillic`` takes it."""
    fewest = _SHORTEST if in_runs(raw) else _FEWEST_LETTERS
    found = cyrillic(raw, fewest, chinese=chinese)
    if found is None or _MIXED.search(found[1]):
        return None
    letters = "".join(_WORD.findall(found[1])).lower()
    kinds = len(set(letters) & _RUSSIAN_LETTERS)
    return found if kinds >= min(_FEWEST_KINDS, (len(letters) + 1) // 2) else None


#: A run of bytes beyond ASCII: a word's letters, in a one-byte Cyrillic charset.
_RUN: Final = re.compile(rb"[\x80-\xff]+")


def short_cyrillic(raw: bytes) -> tuple[str, str] | None:
    """The charset ``raw`` is Russian text in and the text, told as under a Latin-1 label
    (``mislabelled_latin``): from 4 letters when its bytes beyond ASCII stand together, a
    word's letters side by side. Only those words are looked at: a JSON line's keys are
    Latin letters no Russian text is among."""
    if not in_runs(raw):
        return None
    # the runs joined may split what GB18030 reads in ``raw`` (料欺騙 holds _ and M)
    found = mislabelled_latin(b" ".join(_RUN.findall(raw)), chinese=_reads_as_gb18030(raw))
    if found is None:
        return None
    try:
        return found[0], raw.decode(found[0])
    except UnicodeDecodeError:
        return None


def other_cyrillic(raw: bytes, charset: str) -> tuple[str, str] | None:
    """The other charset ``raw``, labelled with the Cyrillic ``charset``, is Russian text in
    and the text, when its label reads it as words in no case words are written in (KOI8-R
    read as Windows-1251 or the other way: Утюг as хФАЗ); else ``None``. Text all in lower
    case or in capitals reads in the other in capitals or lower case: that is no sign."""
    try:
        text = raw.decode(charset)
    except UnicodeDecodeError:
        return None
    if all(map(_one_case, _WORD.findall(text))):  # as Russian is written, or in capitals
        return None
    found = cyrillic(raw, _SHORTEST if in_runs(raw) else _FEWEST_LETTERS)
    return None if found is None or found[1] == text else found


def _as_mostly_written(text: str) -> bool:
    """Whether the Cyrillic words of ``text`` are each in one case, and most of their
    letters in lower case or all in capitals, as Russian is mostly written."""
    words = _WORD.findall(text)
    letters = "".join(words)
    capitals = sum(c.isupper() for c in letters)
    return all(map(_one_case, words)) and not len(letters) > capitals > len(letters) / 3


def _mixed_words(text: str) -> list[str]:
    """The Cyrillic words of ``text`` in no one case, in capitals."""
    return [word.upper() for word in _WORD.findall(text) if not _one_case(word)]


_UKRAINIAN: Final = re.compile("[ІЇЄҐ]")
_VOWELS: Final = "АЕЁИОУЫЭЮЯ"
_NOT_SPELT: Final = re.compile(f"[^{_VOWELS}]{{4}}|[{_VOWELS}]{{3}}|^[ЬЪЫ]")


def spelt_as_russian(word: str) -> bool:
    """Whether ``word``, in capitals, is spelt as Russian words are: a vowel in it, no four
    consonants or three vowels together, not opening with Ь, Ъ or Ы, no Ukrainian letter."""
    if _UKRAINIAN.search(word) or not any(c in _VOWELS for c in word):
        return False
    return _NOT_SPELT.search(word) is None


def _one_case(word: str) -> bool:
    """Whether ``word`` is in lower case, capitalised or in capitals, as words are written."""
    return word.islower() or word.isupper() or word.istitle()


def _commonness(text: str, fewest: int) -> float:
    """How common, in Russian, the letters of ``text`` are on average (per thousand), when
    it is written as Cyrillic text is, in whatever case; 0 when it is not, or too short to
    tell."""
    letters = "".join(_WORD.findall(text))
    if len(letters) < fewest or len(letters) <= len(_LATIN.findall(text)):
        return 0.0  # too short, or Latin-1 text (è read as и) among its Latin letters
    if any(not c.isascii() and c not in _SIGNS and not _WORD.match(c) for c in text):
        return 0.0
    if _WEDGED.search(text) or (_ONLY_RUSSIAN.search(text) and _ONLY_UKRAINIAN.search(text)):
        return 0.0
    return sum(_FREQUENCY.get(c, 0) for c in letters.lower()) / len(letters)
