"""What a reader sees as one character, and the terminal columns it takes.

Cut at a code point, a text can lose half of what a reader sees as one character: an emoji
family's last faces after a dangling zero-width joiner, a flag's second regional indicator
(the first alone is a letter in a box), a skin tone torn from its hand, an accent or a
vowel sign from its letter. So cuts fall between clusters (UAX #29's rules for these, in
short, from ``unicodedata`` alone), and a cluster is measured whole: a terminal shows an
emoji family or a flag in two columns, not six or two narrow letters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Final

_JOINER: Final = "\u200d"
_EMOJI_STYLE: Final = "\ufe0f"


def _regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def _pictograph(ch: str) -> bool:
    """An emoji a joiner may join to the one before it (UAX #29's Extended_Pictographic,
    roughly: symbols, and the planes' emoji blocks)."""
    return unicodedata.category(ch) == "So" or "\U0001f000" <= ch <= "\U0001faff"


def continues(text: str, i: int) -> bool:
    """Whether ``text[i]`` belongs to the cluster of the character before it."""
    ch, before = text[i], text[i - 1]
    if before == _JOINER or (before == "\r" and ch == "\n"):
        return True
    if (
        ch == _JOINER
        or unicodedata.category(ch) in ("Mn", "Me", "Mc")  # accents, vowel signs, selectors
        or "\U0001f3fb" <= ch <= "\U0001f3ff"  # skin tones
        or "\U000e0020" <= ch <= "\U000e007f"  # the tags of a subdivision's flag
    ):
        return True
    if _regional(ch) and _regional(before):  # flags pair regional indicators from the left
        run = 0
        while i - 1 - run >= 0 and _regional(text[i - 1 - run]):
            run += 1
        return run % 2 == 1
    return False


def clusters(text: str) -> Iterator[str]:
    """``text``'s clusters, in order; joined, they are ``text``."""
    start = 0
    for i in range(1, len(text)):
        if not continues(text, i):
            yield text[start:i]
            start = i
    if text:
        yield text[start:]


def _columns(ch: str) -> int:
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cluster_width(cluster: str) -> int:
    """Terminal columns of one cluster: two for an East Asian wide or full-width character,
    a flag, an emoji sequence or an emoji asked for in colour (U+FE0F); else its
    characters' columns, marks and format characters none (a spacing vowel sign one)."""
    if len(cluster) > 1 and (
        _EMOJI_STYLE in cluster
        or _regional(cluster[0])
        or (_pictograph(cluster[0]) and _columns(cluster[0]) == 2)
    ):
        return 2
    return sum(_columns(ch) for ch in cluster)


def columns(text: str) -> int:
    """Terminal columns of ``text``, cluster by cluster."""
    return sum(cluster_width(cluster) for cluster in clusters(text))


#: The most marks a cut keeps on one letter: more than any writing system stacks (a
#: Vietnamese vowel takes two, a pointed Hebrew letter with its accent four).
MOST_MARKS: Final = 8


def tamed(text: str) -> str:
    """``text`` with at most ``MOST_MARKS`` marks on each letter. Marks pile up without
    taking any width ("zalgo" text, a letter under a hundred accents): a cut to a width
    alone would still draw them over the lines above and below."""
    kept, run = [], 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        if run <= MOST_MARKS:
            kept.append(ch)
    return "".join(kept)


def shortened(text: str, limit: int) -> str:
    """``text`` whole if it has at most ``limit`` code points, else its first whole clusters
    within them and "…" (a plain cut if its first cluster is longer); marks past
    ``MOST_MARKS`` on a letter left out first."""
    text = tamed(text)
    if len(text) <= limit:
        return text
    end = limit
    while end > 0 and continues(text, end):
        end -= 1
    return (text[:end] or text[:limit]) + "…"
