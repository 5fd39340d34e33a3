"""One multi-pattern index for all keyword conditions of a table.

Keyword lists are the workhorse of complaint classification (变质, 异物, "food poisoning"),
and a table may hold hundreds of them. Testing each keyword with ``in`` costs one pass per
keyword; instead every keyword of a table goes into one Aho-Corasick automaton
(ahocorasick-rs) and each record's texts are lowercased and scanned once. The scan yields the
set of keyword ids found per field, which every row's keyword condition then tests with a
single ``isdisjoint``; the set is cached on the :class:`~complaintkit.policy.facts.Facts` so
rows share it.

Matching rules: Chinese (and any non-ASCII) keywords match as plain substrings, because
Chinese has no spaces between words; English matches case-insensitively on word
boundaries — a keyword end that is an ASCII letter or digit must not touch another ASCII
letter or digit, so "late" does not match "chocolate" while "退款refund" still needs a
boundary only after "refund".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Final

from ahocorasick_rs import AhoCorasick, Implementation

from complaintkit.policy.facts import Facts, field_getter

#: Joins a record's fields into one scanned text; no keyword may contain it, so no match
#: can span two fields, and it counts as a word boundary.
SEPARATOR: Final = "\x00"
_ALNUM: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_NONE: Final[frozenset[int]] = frozenset()
#: Total keyword length up to which the automaton is a DFA (fastest to scan). A DFA's
#: construction grows faster than linearly with repetitive keywords (20,000 x "a" took
#: seconds), so beyond this the contiguous NFA keeps loading linear in the policy's size.
DFA_LIMIT: Final = 2048


def normalise_keyword(keyword: object) -> str:
    """The form a keyword is matched in; raises ValueError for unusable keywords."""
    if not isinstance(keyword, str):
        raise ValueError(f"keywords must be text (got {keyword!r})")
    text = keyword.strip().lower()
    if not text:
        raise ValueError("a keyword is empty")
    if SEPARATOR in text:
        raise ValueError(f"keyword {keyword!r} contains a NUL character")
    return text


class KeywordSet:
    """One keyword condition's share of the index: filled in when the index is built.

    ``codes`` holds ``keyword_id * len(index.fields) + field_position`` for every
    (keyword, field) pair the condition accepts, matching what :meth:`KeywordIndex.hits`
    returns.
    """

    __slots__ = ("codes", "fields", "index", "keywords")

    def __init__(self, keywords: tuple[str, ...], fields: tuple[str, ...]) -> None:
        self.keywords = keywords
        self.fields = fields
        self.codes: frozenset[int] = _NONE
        self.index: KeywordIndex | None = None

    def matches(self, facts: Facts) -> bool:
        assert self.index is not None, "KeywordIndexBuilder.build() was not called"
        return not self.codes.isdisjoint(self.index.hits(facts))

    def found(self, facts: Facts) -> list[str]:
        """The keywords of this set present in the record (for explanations)."""
        assert self.index is not None, "KeywordIndexBuilder.build() was not called"
        width = len(self.index.fields)
        hits = self.index.hits(facts) & self.codes
        return sorted({self.index.keywords[code // width] for code in hits})


class KeywordIndexBuilder:
    """Collects the keyword conditions of one table, then builds their shared index."""

    def __init__(self) -> None:
        self._sets: list[KeywordSet] = []

    def add(self, keywords: Sequence[str], fields: Sequence[str]) -> KeywordSet:
        """Register normalised ``keywords`` searched in ``fields``."""
        keyword_set = KeywordSet(tuple(keywords), tuple(fields))
        self._sets.append(keyword_set)
        return keyword_set

    def build(self) -> KeywordIndex | None:
        """Build the index and fill every set's codes; None when there were no keywords."""
        if not self._sets:
            return None
        keywords = list(dict.fromkeys(k for s in self._sets for k in s.keywords))
        fields = list(dict.fromkeys(f for s in self._sets for f in s.fields))
        index = KeywordIndex(keywords, fields)
        ids = {k: i for i, k in enumerate(keywords)}
        positions = {f: i for i, f in enumerate(fields)}
        width = len(fields)
        for s in self._sets:
            s.index = index
            s.codes = frozenset(ids[k] * width + positions[f] for k in s.keywords for f in s.fields)
        return index


class KeywordIndex:
    """An Aho-Corasick automaton over normalised keywords, scanning a fixed list of fields."""

    def __init__(self, keywords: Sequence[str], fields: Sequence[str]) -> None:
        self.keywords = tuple(keywords)
        self.fields = tuple(fields)
        self._getters = tuple(field_getter(f) for f in fields)
        # Overlapping search reports every occurrence of every keyword, so a hit rejected
        # for its word boundary ("late" in "chocolate") cannot hide a valid one after it.
        small = sum(map(len, self.keywords)) <= DFA_LIMIT
        self._automaton = AhoCorasick(
            self.keywords,
            store_patterns=False,
            implementation=Implementation.DFA if small else Implementation.ContiguousNFA,
        )
        # bit 1: needs a boundary before the match, bit 2: after it
        self._bounds = tuple((k[0] in _ALNUM) | (k[-1] in _ALNUM) << 1 for k in self.keywords)

    def hits(self, facts: Facts) -> frozenset[int]:
        """Codes of the keywords found in ``facts``, scanned once per record."""
        memo = facts.memo
        found = memo.get(self)
        if found is None:
            found = memo[self] = self.scan([get(facts) for get in self._getters])
        return found  # type: ignore[return-value]

    def scan(self, texts: Sequence[object]) -> frozenset[int]:
        """Codes (``keyword_id * len(fields) + field_position``) found in ``texts``.

        ``texts`` line up with :attr:`fields`; values that are not text are skipped.
        """
        lowered = [t.lower() if isinstance(t, str) else "" for t in texts]
        text = lowered[0] if len(lowered) == 1 else SEPARATOR.join(lowered)
        matches = self._automaton.find_matches_as_indexes(text, overlapping=True)
        if not matches:
            return _NONE
        bounds = self._bounds
        size = len(text)
        width = len(self.fields)
        ends = list(accumulate(len(t) + 1 for t in lowered)) if width > 1 else None
        found = set()
        for kid, start, end in matches:
            need = bounds[kid]
            if need and (
                (need & 1 and start and text[start - 1] in _ALNUM)
                or (need & 2 and end < size and text[end] in _ALNUM)
            ):
                continue
            found.add(kid * width + (bisect_right(ends, start) if ends else 0))
        return frozenset(found)
