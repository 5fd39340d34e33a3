"""The status page's heading for a complaint without a subject: its text's first characters.

Cut at a fixed number of code points, the text would lose half of what a reader sees as one
character — an emoji family's last faces after a dangling zero-width joiner, a flag's
second regional indicator (the first alone is a letter in a box), a combining accent — so
the cut falls between such clusters (UAX #29's rules for them, in short), and an ellipsis
says the text goes on.
"""

from __future__ import annotations

import unicodedata
from typing import Final

#: The most code points of the text the heading shows.
HEADING_LENGTH: Final = 60
_JOINER: Final = "\u200d"


def _regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


def _continues(text: str, i: int) -> bool:
    """Whether ``text[i]`` belongs to the cluster of the character before it."""
    ch, before = text[i], text[i - 1]
    if before == _JOINER or (before == "\r" and ch == "\n"):
        return True
    if (
        ch == _JOINER
        or unicodedata.category(ch) in ("Mn", "Me", "Mc")  # accents, variation selectors
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


def heading_of(text: str) -> str:
    """``text`` whole if it is short, else its first whole clusters within
    ``HEADING_LENGTH`` code points and "…" (a plain cut if one cluster is longer)."""
    if len(text) <= HEADING_LENGTH:
        return text
    end = HEADING_LENGTH
    while end > 0 and _continues(text, end):
        end -= 1
    return (text[:end] or text[:HEADING_LENGTH]) + "…"
