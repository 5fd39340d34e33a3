"""Which of a table's ``contains`` words occur in one text, found in one pass.

A table of text rows written as ``{field: complaint.text, contains: refund}`` asks, row
after row, whether a word occurs in the same text, and each ``in`` rescans it: 45 words cost
about four times one Aho-Corasick pass (ahocorasick-rs) that finds them all. So the compiled
table groups the words each text field is tested for, scans the text once when the first
such row is reached, and every row then asks whether its word was among those found.

The scan runs over UTF-8 (``surrogatepass``, so any ``str`` encodes): a code point's bytes
never start inside another's, so a word's bytes occur exactly where the word does.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Final

from ahocorasick_rs import BytesAhoCorasick

#: Below this many words, testing each with ``in`` is cheaper than building the scan's answer.
SCAN_FROM: Final = 4


class LiteralGroup:
    """Non-empty words tested on one text; ``group(text)`` is the indexes of those it contains."""

    def __init__(self) -> None:
        self._words: dict[str, int] = {}
        self._find: Callable[[str], Collection[int]] | None = None

    def add(self, word: str) -> int:
        """The index answering for ``word``; call before :meth:`seal`."""
        return self._words.setdefault(word, len(self._words))

    def seal(self) -> None:
        words = tuple(self._words)
        if len(words) < SCAN_FROM:
            self._find = lambda text: [i for i, word in enumerate(words) if word in text]
            return
        find = BytesAhoCorasick([_utf8(w) for w in words]).find_matches_as_indexes

        def scan(text: str) -> Collection[int]:
            return {match[0] for match in find(_utf8(text), overlapping=True)}

        self._find = scan

    def __call__(self, text: str) -> Collection[int]:
        assert self._find is not None, "seal() the group before matching"
        return self._find(text)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")
