"""Which language a complaint is written in, when the sender did not say.

Customers are answered in their own language: a Chinese complaint must not get "Dear Mr.
Smith" and an English one must not get "您好". A script check (Han characters against
Latin letters) is enough to tell the two languages complaintkit writes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final, Literal

Lang = Literal["zh", "en"]
LANGS: Final[tuple[Lang, ...]] = ("zh", "en")

#: Runs rather than single characters: counting the characters of a few runs costs a
#: fraction of one match per character (notifications detect the language of every complaint).
_HAN: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
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


def written_language(text: str) -> Lang | None:
    """zh when Chinese characters hold their own against Latin letters (a Chinese word
    counts for about three letters), en when letters outnumber them; None for a text with
    neither — an order number, emoji — whose reader's language must come from elsewhere.
    The letters of links, e-mail addresses and codes with digits count for neither."""
    han = 0 if text.isascii() else _count(_HAN, text)
    if not han:  # English if it has a word, found without reading all of it
        return "en" if _has_words(text) else None
    if han * 3 >= _count(_LATIN, text):  # Chinese even counting every letter
        return "zh"
    return "zh" if han * 3 >= _count(_LATIN, _QUOTED.sub(" ", text)) else "en"


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


def lookup(tag: str) -> list[str]:
    """The tags to try for ``tag``, longest first, in lower case (RFC 4647 lookup):
    ``zh_Hans_CN`` is zh-hans-cn, zh-hans, zh. A text or template written for ``zh-CN``
    is in Chinese, as one written for ``zh``."""
    subtags = tag.strip().lower().replace("_", "-").split("-")
    return ["-".join(subtags[:n]) for n in range(len(subtags), 0, -1) if subtags[n - 1]]


def written_in(versions: Mapping[str, object], language: str | None) -> str | None:
    """The key of ``versions`` written for ``language``: the tag itself, else the longest
    one its lookup finds in any case (``zh-CN`` and ``ZH`` find ``zh``), else the first
    written in the same language (``zh`` finds ``zh-CN``: a Chinese reader reads it better
    than English); None if none."""
    if not language:
        return None
    if language in versions:
        return language
    tags = lookup(language)
    keys = {key.lower(): key for key in versions}
    found = next((keys[tag] for tag in tags if tag in keys), None)
    if found is None and tags:
        found = next((key for key in versions if lookup(key)[-1:] == tags[-1:]), None)
    return found
