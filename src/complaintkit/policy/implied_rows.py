"""Rows a keyword row before them always beats, though their conditions differ.

Under hit policy ``first`` a row whose condition is identical to an earlier one's can never
match, and ``validate`` says so. An SOP's keyword lists shadow rows less visibly: a row for
``坏了`` after a row for ``坏`` never matches, since every text holding 坏了 holds 坏, and
neither does a row for ``烂`` after ``{any: [{keywords: [坏]}, {keywords: [烂]}]}``. Such a
pair is found when every keyword of the later row holds (in each of its spellings) an
earlier keyword that is found anywhere in a text (no word boundary, no ``except``), in
fields the earlier row searches too. Keywords are looked up by their substrings (up to
the longest short earlier keyword), so a table of thousands of rows is checked in one pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from complaintkit.policy.chinese_forms import spellings
from complaintkit.policy.conditions import AnyNode, KeywordNode, Node

if TYPE_CHECKING:
    from complaintkit.policy.keywords import Keyword
    from complaintkit.policy.tables import Row

#: Longest keyword whose substrings are looked up; a longer one is not checked.
_LONGEST = 64
#: Longest earlier keyword sought inside later ones (a word or a short phrase: 变质, 没送到);
#: it bounds the substrings looked up, so a table of long keywords is checked quickly too.
_SHORT = 12


#: Each keyword found anywhere in a text, by spelling: (row, the fields it searches, the
#: keyword as kept).
_Found = dict[str, list[tuple["Row", frozenset[str], str]]]
#: Rows by position in the table, with (the later keyword, the earlier keyword it holds).
_Holders = dict[int, tuple["Row", str, str]]


def implied_shadows(rows: Sequence[Row]) -> Iterator[tuple[Row, Row, str, str]]:
    """Each row whose keywords an earlier row's always finds first: (later, earlier, the
    later keyword, the earlier keyword it holds)."""
    found_anywhere: _Found = {}
    longest = 0  # the longest spelling kept: no longer substring need be looked up
    for row in rows:
        keywords = _keyword_conditions(row.condition)
        if keywords is None:
            continue
        if (shadow := _shadow(keywords, found_anywhere, longest)) is not None:
            yield (row, *shadow)
            continue
        for condition in keywords:
            fields = frozenset(condition.keywords.fields)
            for keyword in condition.keywords.keywords:
                if keyword.bounds == 0 and not keyword.exclude and len(keyword.text) <= _SHORT:
                    for spelling in spellings(keyword.text):
                        found_anywhere.setdefault(spelling, []).append((row, fields, keyword.text))
                        longest = max(longest, len(spelling))


def _keyword_conditions(condition: Node | None) -> list[KeywordNode] | None:
    """A row's condition as keyword conditions any of which matches, or None."""
    if isinstance(condition, KeywordNode):
        return [condition]
    if isinstance(condition, AnyNode):
        children = [c for c in condition.children if isinstance(c, KeywordNode)]
        return children if len(children) == len(condition.children) else None
    return None


def _shadow(
    conditions: list[KeywordNode], found_anywhere: _Found, longest: int
) -> tuple[Row, str, str] | None:
    """The first earlier row finding each of ``conditions``' keywords, if one row does."""
    if not found_anywhere:
        return None
    common: _Holders | None = None
    for condition in conditions:
        fields = frozenset(condition.keywords.fields)
        for keyword in condition.keywords.keywords:
            earlier = _holding(keyword, fields, found_anywhere, longest)
            if common is not None:  # the first keyword's pair is the one named
                earlier = {i: why for i, why in common.items() if i in earlier}
            common = earlier
            if not common:
                return None
    return common[min(common)] if common else None


def _holding(
    keyword: Keyword, fields: frozenset[str], found_anywhere: _Found, longest: int
) -> _Holders:
    """The earlier rows one of whose keywords every spelling of ``keyword`` holds."""
    rows: _Holders | None = None
    for spelling in spellings(keyword.text):
        if len(spelling) > _LONGEST:
            return {}
        here: _Holders = {}
        for start in range(len(spelling)):
            for end in range(start + 1, min(len(spelling), start + longest) + 1):
                for row, searched, text in found_anywhere.get(spelling[start:end], ()):
                    if fields <= searched:
                        here.setdefault(row.index, (row, keyword.text, text))
        rows = here if rows is None else {i: why for i, why in rows.items() if i in here}
        if not rows:
            return {}
    return rows or {}
