"""One multi-pattern index for all keyword conditions of a table, or of several tables.

Keyword lists are the workhorse of complaint classification (变质, 异物, "food poisoning"),
and a table may hold hundreds of them. Testing each keyword with ``in`` costs one pass per
keyword; instead every keyword of a table goes into one Aho-Corasick automaton
(ahocorasick-rs) and each record's texts are brought to the form keywords are kept in
(case-folded, invisible marks dropped, look-alikes of ASCII as ASCII:
:mod:`complaintkit.policy.matchtext`) and scanned once. The scan yields the
set of keyword ids found per field, which every row's keyword condition then tests with a
single ``isdisjoint``; the set is cached on the :class:`~complaintkit.policy.facts.Facts` (or,
in a compiled table, in a local of the generated function) so rows share it.

The automaton scans UTF-8 bytes, not ``str``: offsets then need no conversion back to
characters, and the rules below hold on bytes unchanged, since an ASCII letter or digit is
one byte in UTF-8 and never part of a longer character.

Matching rules: Chinese (and any non-ASCII) keywords match as plain substrings, because
Chinese has no spaces between words; English matches case-insensitively on word
boundaries — a keyword end that is an ASCII letter or digit must not touch another letter
or digit of a word (ASCII, full-width, or accented: :mod:`~complaintkit.policy.word_letters`),
so "late" does not match "chocolate" nor "sum" "résumé", while "退款refund" still needs a
boundary only after "refund". That is the ``word`` match; a keyword may instead ``prefix``
("fraud" finds "fraudulently") or ``substring`` match, and may list phrases it does not
count inside (``except``: 没送 is not found in 没送到).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Final

import attrs
from ahocorasick_rs import BytesAhoCorasick, Implementation

from complaintkit.policy.as_written import as_written, got
from complaintkit.policy.chinese_forms import spellings
from complaintkit.policy.facts import Facts, field_getter
from complaintkit.policy.lookalikes import triggers
from complaintkit.policy.matchtext import ODD_BYTES, match_bytes, match_form, plain_bytes
from complaintkit.policy.word_letters import letter_after, letter_before

_ALNUM: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_ALNUM_BYTES: Final = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
_NONE: Final[frozenset[int]] = frozenset()
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
    #: the keyword as the policy wrote it (变質, Mould), for explanations; not its identity
    written: str = attrs.field(default="", eq=False)

    def describe(self) -> str:
        extra = "" if self.match == "word" else f" ({self.match})"
        if self.exclude:
            extra += f" except in {', '.join(self.exclude)}"
        return self.text + extra

    @property
    def identity(self) -> tuple[frozenset[str], str, frozenset[str]]:
        """What the keyword finds, for telling identical conditions: every spelling it is
        matched in (变质 and 變質 are one keyword), its mode and the excluded spellings."""
        excluded = frozenset(form for phrase in self.exclude for form in spellings(phrase))
        return frozenset(spellings(self.text)), self.match, excluded

    @property
    def bounds(self) -> int:
        """Boundary bits that apply: only ends that are ASCII letters or digits need one."""
        ends = (self.text[0] in _ALNUM) | (self.text[-1] in _ALNUM) << 1
        return ends & MATCH_MODES[self.match]


def exclusion_problems(
    raw: Sequence[object], keywords: Sequence[Keyword], shared: tuple[str, ...], path: str
) -> Iterator[tuple[str, str, str]]:
    """``except`` phrases that cannot work as meant: one holding not its keyword (热菜 for
    凉) excludes nothing, and one that is the keyword itself leaves it never counting.
    ``shared`` are the condition's own phrases, for all its keywords."""
    own = [
        (f"{path}.keywords[{i}]", [k.text], k.exclude)
        for i, (item, k) in enumerate(zip(raw, keywords, strict=True))
        if isinstance(item, Mapping) and "except" in item
    ]
    if shared:
        own.append((path, [k.text for k in keywords], shared))
    for where, texts, phrases in own:
        for j, phrase in enumerate(phrases):
            spot = f"{where}.except[{j}]"
            if phrase in texts:
                yield (
                    spot,
                    f"except {as_written(phrase)} is the keyword itself: it would never count",
                    "",
                )
            elif not any(text in phrase for text in texts):
                yield (
                    spot,
                    f"except {as_written(phrase)} holds no {' or '.join(map(repr, texts))}, so it "
                    "excludes nothing",
                    "list phrases the keyword appears in: 凉皮 for 凉, 没送到 for 没送",
                )


#: Marks that show as nothing, which a keyword copied from a web page or a word processor
#: may carry: typed text holds none of them, so such a keyword would never match.
INVISIBLE: Final = {
    "\u00ad": "soft hyphen",
    "\u200b": "zero width space",
    "\u2060": "word joiner",
    "\ufeff": "zero width no-break space (byte order mark)",
}


def normalise_keyword(keyword: object) -> str:
    """The form a keyword is matched in; raises ValueError for unusable keywords."""
    if not isinstance(keyword, str):
        raise ValueError(f"keywords must be text (got {got(keyword)})")
    mark = next((ch for ch in keyword if ch in INVISIBLE), None)
    if mark is not None:
        error = ValueError(
            f"keyword {as_written(keyword)} holds an invisible U+{ord(mark):04X} ({INVISIBLE[mark]}), "
            "as text copied from a web page does"
        )
        error.add_note("retype the keyword, or delete the character at its place")
        raise error
    text = match_form(keyword)
    if not text:
        raise ValueError("a keyword is empty")
    if "\x00" in text:  # no text holds one (jsonvalues.check_text), so it could never match
        raise ValueError(f"keyword {as_written(keyword)} contains a NUL character")
    return text


def hint_of(error: ValueError, default: str) -> str:
    """What to do about a keyword :func:`normalise_keyword` refused: its note, else ``default``."""
    return "; ".join(getattr(error, "__notes__", ())) or default


class KeywordSet:
    """One keyword condition's share of the index: filled in when the index is built.

    ``codes`` holds ``keyword_id * len(index.fields) + field_position`` for every
    (keyword, field) pair the condition accepts, matching what :meth:`KeywordIndex.hits`
    returns.
    """

    __slots__ = ("builder", "codes", "fields", "index", "keywords")

    def __init__(
        self,
        keywords: tuple[Keyword, ...],
        fields: tuple[str, ...],
        builder: KeywordIndexBuilder,
    ) -> None:
        self.keywords = keywords
        self.fields = fields
        self.builder = builder
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

    def found_in(self, facts: Facts) -> list[tuple[Keyword, str]]:
        """Each keyword of this set present in the record, in the policy's order, with the
        text of the first field holding it (to show how the text spells it)."""
        assert self.index is not None, "KeywordIndexBuilder.build() was not called"
        index = self.index
        width = len(index.fields)
        hits = index.hits(facts) & self.codes
        fields: dict[int, int] = {}
        for code in sorted(hits):  # a keyword's codes ascend with its fields' positions
            fields.setdefault(code // width, code % width)
        getters = [field_getter(f) for f in index.fields]
        ids = {k: i for i, k in enumerate(index.keywords)}
        found = []
        for keyword in self.keywords:
            position = fields.get(ids[keyword])
            if position is not None:
                text = getters[position](facts)
                found.append((keyword, text if isinstance(text, str) else ""))
        return found


class KeywordIndexBuilder:
    """Collects keyword conditions, then builds one index they all share.

    A builder may serve several tables (the classification tables and routing of a
    policy), so a record's texts are scanned once for all of them rather than once per
    table. Tables compiled against it may generate their code before :meth:`build`, since
    that code asks the built :attr:`index` when it runs; it must run after :meth:`build`.
    """

    def __init__(self) -> None:
        self._sets: list[KeywordSet] = []
        self.index: KeywordIndex | None = None

    def add(self, keywords: Sequence[str | Keyword], fields: Sequence[str]) -> KeywordSet:
        """Register normalised ``keywords`` (plain text matches as a word) in ``fields``."""
        converted = tuple(k if isinstance(k, Keyword) else Keyword(k) for k in keywords)
        keyword_set = KeywordSet(converted, tuple(fields), self)
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
        self.index = index
        return index


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
        written = dict.fromkeys(t for k in self.keywords for t in (k.text, *k.exclude))
        typed = {text: spellings(text) for text in written}
        texts = list(dict.fromkeys(form for forms in typed.values() for form in forms))
        pattern = {text: i for i, text in enumerate(texts)}
        # Per pattern id, the keywords using that text: ``_plain`` holds the codes (for the
        # first field) of those that count wherever the text occurs, ``_checked`` those
        # with a boundary or an exclusion to check: (code, boundary bits, exclusion ids).
        plain: tuple[list[int], ...] = tuple([] for _ in texts)
        checked: tuple[list[tuple[int, int, tuple[int, ...]]], ...] = tuple([] for _ in texts)
        for kid, keyword in enumerate(self.keywords):
            # A phrase excludes in every spelling, whatever the keyword's: 投诉 is not
            # counted in 12315投訴 either.
            excluded = tuple(pattern[form] for t in keyword.exclude for form in typed[t])
            forms = [(pattern[form], keyword.bounds, excluded) for form in typed[keyword.text]]
            for pid, bounds, exclusions in forms:
                if bounds or exclusions:
                    checked[pid].append((kid * width, bounds, exclusions))
                else:
                    plain[pid].append(kid * width)
        self._plain = tuple(map(tuple, plain))
        self._checked = tuple(map(tuple, checked))
        # Overlapping search reports every occurrence of every pattern, so a hit rejected
        # for its word boundary ("late" in "chocolate") cannot hide a valid one after it.
        # After the keywords' texts, the characters a text is scanned without, and the
        # look-alikes of ASCII that can change what these keywords find (a full-width
        # letter, a curly apostrophe for didn't): any found, the text is scanned again
        # without them (see matchtext.plain_bytes). A Chinese text's full-width comma
        # costs no second scan unless a keyword holds a comma.
        odd = [*ODD_BYTES, *(char.encode() for char in triggers(texts))]
        self._odd_from = len(texts)
        self._plain += ((),) * len(odd)
        self._checked += ((),) * len(odd)
        small = sum(map(len, texts)) <= DFA_LIMIT
        automaton = BytesAhoCorasick(
            [*(text.encode() for text in texts), *odd],
            implementation=Implementation.DFA if small else Implementation.ContiguousNFA,
        )
        self._find = automaton.find_matches_as_indexes

    def hits(self, facts: Facts) -> frozenset[int]:
        """Codes of the keywords found in ``facts``, scanned once per record."""
        memo = facts.memo
        found = memo.get(self)
        if found is None:
            found = memo[self] = self.scan([get(facts) for get in self._getters])
        return found  # type: ignore[return-value]

    def scan(self, texts: Sequence[object]) -> frozenset[int]:
        """Codes (``keyword_id * len(fields) + field_position``) found in ``texts``.

        ``texts`` line up with :attr:`fields`; values that are not text are skipped. Each
        field is scanned on its own, so its ends are word boundaries and no match can span
        two fields.
        """
        found: set[int] = set()
        for field, text in enumerate(texts):
            if isinstance(text, str) and text:
                data = match_bytes(text)
                matches = self._find(data, overlapping=True)
                odd = self._odd_from
                if matches and not text.isascii() and max(matches)[0] >= odd:
                    data = plain_bytes(text)
                    matches = self._find(data, overlapping=True)
                if matches:
                    self._collect(data, matches, field, found)
        return frozenset(found) if found else _NONE

    def _collect(
        self, data: bytes, matches: list[tuple[int, int, int]], field: int, found: set[int]
    ) -> None:
        """Add the codes of the pattern ``matches`` in one field's ``data`` that count."""
        plain, checked = self._plain, self._checked
        size = len(data)
        spans: dict[int, list[tuple[int, int]]] | None = None
        for pid, start, end in matches:
            codes = plain[pid]
            if codes:
                found.update([code + field for code in codes] if field else codes)
            for code, need, excluded in checked[pid]:
                if need and (
                    (need & 1 and start and data[start - 1] in _ALNUM_BYTES)
                    or (need & 2 and end < size and data[end] in _ALNUM_BYTES)
                    or (
                        need & 1 and start and data[start - 1] > 0x7F and letter_before(data, start)
                    )
                    or (need & 2 and end < size and data[end] > 0x7F and letter_after(data, end))
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
