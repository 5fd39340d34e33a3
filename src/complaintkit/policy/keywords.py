"""One multi-pattern index for all keyword conditions of a table.

Keyword lists are the workhorse of complaint classification (变质, 异物, "food poisoning"),
and a table may hold hundreds of them. Testing each keyword with ``in`` costs one pass per
keyword; instead every keyword of a table goes into one Aho-Corasick automaton
(ahocorasick-rs) and each record's texts are lowercased and scanned once. The scan yields the
set of keyword ids found per field, which every row's keyword condition then tests with a
single ``isdisjoint``; the set is cached on the :class:`~complaintkit.policy.facts.Facts` (or,
in a compiled table, in a local of the generated function) so rows share it.

The automaton scans UTF-8 bytes, not ``str``: offsets then need no conversion back to
characters, and the rules below hold on bytes unchanged, since an ASCII letter or digit is
one byte in UTF-8 and never part of a longer character.

Matching rules: Chinese (and any non-ASCII) keywords match as plain substrings, because
Chinese has no spaces between words; English matches case-insensitively on word
boundaries — a keyword end that is an ASCII letter or digit must not touch another ASCII
letter or digit, so "late" does not match "chocolate" while "退款refund" still needs a
boundary only after "refund". That is the ``word`` match; a keyword may instead ``prefix``
("fraud" finds "fraudulently") or ``substring`` match, and may list phrases it does not
count inside (``except``: 没送 is not found in 没送到).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Final

import attrs
from ahocorasick_rs import BytesAhoCorasick, Implementation

from complaintkit.policy.facts import Facts, field_getter

#: Joins a record's fields into one scanned text; no keyword may contain it, so no match
#: can span two fields, and it counts as a word boundary.
SEPARATOR: Final = "\x00"
_ALNUM: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_ALNUM_BYTES: Final = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
_SEPARATOR_BYTES: Final = SEPARATOR.encode()
_NONE: Final[frozenset[int]] = frozenset()
#: Marks a record memo entry holding prepared texts (keyed by the texts themselves).
_PREPARED: Final = object()
#: Total keyword length up to which the automaton is a DFA (fastest to scan). A DFA's
#: construction grows faster than linearly with repetitive keywords (20,000 x "a" took
#: seconds), so beyond this the contiguous NFA keeps loading linear in the policy's size.
DFA_LIMIT: Final = 2048


#: How a keyword must sit in the text: its boundary bits (1: before, 2: after).
MATCH_MODES: Final = {"word": 3, "prefix": 1, "substring": 0}


@attrs.frozen
class Keyword:
    """One keyword as matched: normalised text, match mode and the phrases it does not
    count inside."""

    text: str
    match: str = "word"
    exclude: tuple[str, ...] = ()

    def describe(self) -> str:
        extra = "" if self.match == "word" else f" ({self.match})"
        if self.exclude:
            extra += f" except in {', '.join(self.exclude)}"
        return self.text + extra

    @property
    def bounds(self) -> int:
        """Boundary bits that apply: only ends that are ASCII letters or digits need one."""
        ends = (self.text[0] in _ALNUM) | (self.text[-1] in _ALNUM) << 1
        return ends & MATCH_MODES[self.match]


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

    def __init__(self, keywords: tuple[Keyword, ...], fields: tuple[str, ...]) -> None:
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
        return sorted({self.index.keywords[code // width].text for code in hits})


class KeywordIndexBuilder:
    """Collects the keyword conditions of one table, then builds their shared index."""

    def __init__(self) -> None:
        self._sets: list[KeywordSet] = []

    def add(self, keywords: Sequence[str | Keyword], fields: Sequence[str]) -> KeywordSet:
        """Register normalised ``keywords`` (plain text matches as a word) in ``fields``."""
        converted = tuple(k if isinstance(k, Keyword) else Keyword(k) for k in keywords)
        keyword_set = KeywordSet(converted, tuple(fields))
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


def _prepare(texts: Sequence[object]) -> tuple[bytes, list[int] | None]:
    """``texts`` lowered as one UTF-8 text, with where each but the last ends (None: one)."""
    if len(texts) == 1:
        value = texts[0]
        return (value.lower().encode() if isinstance(value, str) else b""), None
    parts = [t.lower().encode() if isinstance(t, str) else b"" for t in texts]
    return _SEPARATOR_BYTES.join(parts), list(accumulate(len(p) + 1 for p in parts))


class KeywordIndex:
    """An Aho-Corasick automaton over normalised keywords, scanning a fixed list of fields.

    The automaton's patterns are the distinct texts of the keywords and of their
    exclusions; a pattern hit is then checked against each keyword using that text.
    """

    def __init__(self, keywords: Sequence[str | Keyword], fields: Sequence[str]) -> None:
        self.keywords = tuple(k if isinstance(k, Keyword) else Keyword(k) for k in keywords)
        self.fields = tuple(fields)
        self._getters = tuple(field_getter(f) for f in fields)
        width = len(self.fields)
        texts = list(dict.fromkeys(t for k in self.keywords for t in (k.text, *k.exclude)))
        pattern = {text: i for i, text in enumerate(texts)}
        # Per pattern id, the keywords using that text: ``_plain`` holds the codes (for the
        # first field) of those that count wherever the text occurs, ``_checked`` those
        # with a boundary or an exclusion to check: (code, boundary bits, exclusion ids).
        plain: tuple[list[int], ...] = tuple([] for _ in texts)
        checked: tuple[list[tuple[int, int, tuple[int, ...]]], ...] = tuple([] for _ in texts)
        for kid, keyword in enumerate(self.keywords):
            excluded = tuple(pattern[t] for t in keyword.exclude)
            pid, bounds = pattern[keyword.text], keyword.bounds
            if bounds or excluded:
                checked[pid].append((kid * width, bounds, excluded))
            else:
                plain[pid].append(kid * width)
        self._plain = tuple(map(tuple, plain))
        self._checked = tuple(map(tuple, checked))
        # Overlapping search reports every occurrence of every pattern, so a hit rejected
        # for its word boundary ("late" in "chocolate") cannot hide a valid one after it.
        small = sum(map(len, texts)) <= DFA_LIMIT
        automaton = BytesAhoCorasick(
            [text.encode() for text in texts],
            implementation=Implementation.DFA if small else Implementation.ContiguousNFA,
        )
        self._find = automaton.find_matches_as_indexes

    def hits(self, facts: Facts) -> frozenset[int]:
        """Codes of the keywords found in ``facts``, scanned once per record."""
        memo = facts.memo
        found = memo.get(self)
        if found is None:
            found = memo[self] = self.scan([get(facts) for get in self._getters], memo)
        return found  # type: ignore[return-value]

    def scan(
        self, texts: Sequence[object], memo: dict[object, object] | None = None
    ) -> frozenset[int]:
        """Codes (``keyword_id * len(fields) + field_position``) found in ``texts``.

        ``texts`` line up with :attr:`fields`; values that are not text are skipped. Given
        a record's ``memo``, the lowered texts are prepared once for every index of the
        record that scans the same values (one per table).
        """
        key = (_PREPARED, *texts)
        prepared: tuple[bytes, list[int] | None] | None = None
        try:
            prepared = None if memo is None else memo.get(key)  # type: ignore[assignment]
        except TypeError:  # an unhashable value (a list): it is not text, so not shared
            memo = None
        if prepared is None:
            prepared = _prepare(texts)
            if memo is not None:
                memo[key] = prepared
        data, ends = prepared
        matches = self._find(data, overlapping=True)
        if not matches:
            return _NONE
        plain, checked = self._plain, self._checked
        size = len(data)
        spans: dict[int, list[tuple[int, int]]] | None = None
        found: set[int] = set()
        for pid, start, end in matches:
            field = bisect_right(ends, start) if ends else 0
            codes = plain[pid]
            if codes:
                found.update([code + field for code in codes] if field else codes)
            for code, need, excluded in checked[pid]:
                if need and (
                    (need & 1 and start and data[start - 1] in _ALNUM_BYTES)
                    or (need & 2 and end < size and data[end] in _ALNUM_BYTES)
                ):
                    continue
                if excluded:
                    if spans is None:
                        spans = {}
                        for other, s, e in matches:
                            spans.setdefault(other, []).append((s, e))
                    if any(s <= start and end <= e for x in excluded for s, e in spans.get(x, ())):
                        continue
                found.add(code + field)
        return frozenset(found)
