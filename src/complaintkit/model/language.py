"""Which language a complaint is written in, when the sender did not say.

Customers are answered in their own language: a Chinese complaint must not get "Dear Mr.
Smith" and an English one must not get "您好". A script check (Han characters against
Latin letters) is enough to tell the two languages complaintkit writes.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Final, Literal

from complaintkit.model.chinese_script import traditional

Lang = Literal["zh", "en"]
LANGS: Final[tuple[Lang, ...]] = ("zh", "en")

#: Runs rather than single characters: counting the characters of a few runs costs a
#: fraction of one match per character (notifications detect the language of every complaint).
#: Chinese characters (CJK Extension A, the unified ideographs, the compatibility ones), not
#: the Yijing hexagrams between the first two (䷀) nor the unassigned points of the last: the
#: body of a regex character class, for every place that asks whether text is Chinese.
HAN_CHARACTERS: Final = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9"
_HAN: Final = re.compile(f"[{HAN_CHARACTERS}]+")
_LATIN: Final = re.compile(r"[A-Za-z]+")
#: What a Chinese complaint quotes rather than writes in English: a link, an e-mail address,
#: a code holding a digit (an order or tracking number, a model). Its letters are no words.
_QUOTED: Final = re.compile(  # each starts only where its run starts: linear, however long
    r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[\x21-\x7e]*"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"
    r"|(?<![A-Za-z0-9_-])[A-Za-z0-9_-]*[0-9][A-Za-z0-9_-]*"
)


#: A quoted thing or, where none starts, a run of letters: the first ``word`` match is the
#: first letter ``_QUOTED`` leaves (none can start inside a run of letters).
_QUOTED_OR_WORD: Final = re.compile(f"{_QUOTED.pattern}|(?P<word>[A-Za-z]+)")


def _count(runs: re.Pattern[str], text: str) -> int:
    return sum(map(len, runs.findall(text)))


def _has_words(text: str) -> bool:
    """Whether any letter of ``text`` is outside what it quotes: found at its first word,
    where removing the quoted and counting the rest reads all of a text in English."""
    return any(found.lastgroup == "word" for found in _QUOTED_OR_WORD.finditer(text))


#: The bytes of the Latin letters ``_LATIN`` matches, for counting them in UTF-8.
_LATIN_BYTES: Final = string.ascii_letters.encode("ascii")


def _letters(text: str) -> int:
    """How many Latin letters ``text`` holds (``_count(_LATIN, text)``), counted on its
    UTF-8 bytes, where no other character writes an ASCII byte (a lone surrogate neither):
    one pass in C, where the regex tests each character against its class."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _LATIN_BYTES))


def _runs_up_to(runs: re.Pattern[str], text: str, enough: int) -> int:
    """``_count(runs, text)``, but once it reaches ``enough`` the count so far: a Chinese
    text has enough characters to outweigh its letters in its first run or two."""
    found = 0
    for run in runs.finditer(text):
        found += run.end() - run.start()
        if found >= enough:
            break
    return found


def written_language(text: str) -> Lang | None:
    """zh when Chinese characters hold their own against Latin letters (a Chinese word
    counts for about three letters), en when letters outnumber them; None for a text with
    neither — an order number, emoji — whose reader's language must come from elsewhere.
    The letters of links, e-mail addresses and codes with digits count for neither."""
    if text.isascii():  # no Chinese character
        return "en" if _has_words(text) else None
    # Chinese even counting every letter once its characters reach a third of them: counted
    # that far only (all of them when they fall short, as the quoted letters are weighed)
    letters = _letters(text)
    han = _runs_up_to(_HAN, text, max(1, -(-letters // 3)))
    if not han:  # English if it has a word, found without reading all of it
        return "en" if _has_words(text) else None
    if han * 3 >= letters:
        return "zh"
    return "zh" if han * 3 >= _count(_LATIN, _QUOTED.sub(" ", text)) else "en"


def written_tag(text: str) -> str | None:
    """The tag of the language ``text`` is written in (``written_language``), Chinese in
    Traditional characters ``zh-Hant``: its reader reads a letter in that script."""
    language = written_language(text)
    return "zh-Hant" if language == "zh" and traditional(text) else language


def detect_language(text: str) -> Lang:
    """The language ``text`` is written in (``written_language``), en when it shows none."""
    return written_language(text) or "en"


def language_of(declared: str | None, text: str, fallback: Lang = "en") -> Lang:
    """The declared language when it is one we write (``zh-CN`` → zh), else the text's,
    else ``fallback`` (the reader's, when known) for a text showing none."""
    if declared:
        primary = declared.strip().lower().replace("_", "-").split("-")[0]
        if primary in LANGS:
            return primary
    return written_language(text) or fallback


#: The script of Chinese a region writes when a tag names none (CLDR's likely subtags):
#: Taiwan, Hong Kong and Macao write Traditional characters; a tag naming neither script
#: nor such a region, the mainland's Simplified.
_TRADITIONAL_REGIONS: Final = frozenset({"tw", "hk", "mo"})


def _subtags(tag: str) -> list[str]:
    return tag.strip().lower().replace("_", "-").split("-")


def chinese_script(tag: str) -> str | None:
    """``hant`` or ``hans`` for a Chinese tag (``zh-HK`` is hant, ``zh`` and ``zh-CN``
    hans, a script named wins: ``zh-Hans-HK`` is hans); None for another language."""
    subtags = _subtags(tag)
    if subtags[0] != "zh":
        return None
    named = next((s for s in subtags[1:] if s in ("hant", "hans")), None)
    if named is not None:
        return named
    return "hant" if _TRADITIONAL_REGIONS.intersection(subtags[1:]) else "hans"


def lookup(tag: str) -> list[str]:
    """The tags to try for ``tag``, longest first, in lower case (RFC 4647 lookup):
    ``zh_Hans_CN`` is zh-hans-cn, zh-hans, zh. A text or template written for ``zh-CN``
    is in Chinese, as one written for ``zh``. A Chinese tag of a region whose script it
    does not name tries that script before the bare language: ``zh-HK`` is zh-hk,
    zh-hant, zh — a Hong Kong reader reads Traditional characters."""
    subtags = _subtags(tag)
    tags = ["-".join(subtags[:n]) for n in range(len(subtags), 0, -1) if subtags[n - 1]]
    script = chinese_script(tag)
    if len(subtags) > 1 and script == "hant" and "zh-hant" not in tags:
        tags.insert(len(tags) - 1, "zh-hant")
    return tags


def written_in(versions: Mapping[str, object], language: str | None) -> str | None:
    """The key of ``versions`` written for ``language``: the tag itself, else the longest
    one its lookup finds in any case (``zh-CN`` and ``ZH`` find ``zh``), else one written
    in the same language, in the reader's script of Chinese if there is one (``zh-Hant``
    finds ``zh-TW`` before ``zh-CN``; ``zh`` finds ``zh-CN``: a Chinese reader reads it
    better than English), else the first; None if none."""
    if not language:
        return None
    if language in versions:
        return language
    tags = lookup(language)
    keys = {key.lower(): key for key in versions}
    found = next((keys[tag] for tag in tags if tag in keys), None)
    if found is None and tags:
        same = [key for key in versions if lookup(key)[-1:] == tags[-1:]]
        script = chinese_script(language)
        found = next((key for key in same if chinese_script(key) == script), None)
        found = found or next(iter(same), None)
    return found
