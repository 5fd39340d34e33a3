"""Rows a keyword row before them always beats, though their conditions differ.

Under hit policy ``first`` a row whose condition is identical to an earlier one's can never
match, and ``validate`` says so. An SOP's keyword lists shadow rows less visibly: a row for
``坏了`` after a row for ``坏`` never matches, since every text holding 坏了 holds 坏, and
neither does a row for ``烂`` after ``{any: [{keywords: [坏]}, {keywords: [烂]}]}``. Such a
pair is found when every keyword of the later row holds (in each of its spellings) an
earlier keyword that is found anywhere in a text (no word boundary, no ``except``), in
fields the earlier row searches too.

Keywords are looked up by their substrings (up to the longest short earlier keyword), and
each spelling's rows are kept by the fields they search, in row order. A later row's
candidates are the rows holding its rarest keyword, tried in row order, each checked
against the row's own keywords until one holds them all: rows sharing a keyword (坏 in a
thousand rows, each with a word of its own) are no longer each compared with every earlier
one, and a table of thousands of rows is checked in about linear time.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from complaintkit.policy.chinese_forms import spellings
from complaintkit.policy.condition_nodes import AnyNode, KeywordNode, Node

if TYPE_CHECKING:
    from complaintkit.policy.keywords import Keyword
    from complaintkit.policy.tables import Row

#: Longest keyword whose substrings are looked up; a longer one is not checked.
_LONGEST = 64
#: Longest earlier keyword sought inside later ones (a word or a short phrase: 变质, 没送到);
#: it bounds the substrings looked up, so a table of long keywords is checked quickly too.
_SHORT = 12

#: Each keyword spelling found anywhere in a text: the fields searched → the rows, in order.
_Found = dict[str, dict[frozenset[str], list["Row"]]]
#: Each row's own such spellings: spelling → (the fields searched, the keyword as kept).
_Own = dict[str, list[tuple[frozenset[str], str]]]
#: A later keyword and the fields its condition searches.
_Sought = tuple["Keyword", frozenset[str]]


def implied_shadows(rows: Sequence[Row]) -> Iterator[tuple[Row, Row, str, str]]:
    """Each row whose keywords an earlier row's always finds first: (later, earlier, the
    later keyword, the earlier keyword it holds)."""
    found: _Found = {}
    own: dict[int, _Own] = {}
    longest = 0  # the longest spelling kept: no longer substring need be looked up
    for row in rows:
        keywords = keyword_conditions(row.condition)
        if keywords is None:
            continue
        sought = [
            (keyword, frozenset(condition.keywords.fields))
            for condition in keywords
            for keyword in condition.keywords.keywords
        ]
        if found and (earlier := _first_holder(sought, found, own, longest)) is not None:
            keyword, fields = sought[0]
            text = _held(spellings(keyword.text)[0], fields, own[earlier.index], longest)
            assert text is not None
            yield row, earlier, keyword.text, text
            continue
        mine: _Own = {}
        for keyword, fields in sought:
            if keyword.bounds == 0 and not keyword.exclude and len(keyword.text) <= _SHORT:
                for spelling in spellings(keyword.text):
                    by_fields = found.setdefault(spelling, {}).setdefault(fields, [])
                    if not by_fields or by_fields[-1] is not row:
                        by_fields.append(row)
                    mine.setdefault(spelling, []).append((fields, keyword.text))
                    longest = max(longest, len(spelling))
        if mine:
            own[row.index] = mine


def keyword_conditions(condition: Node | None) -> list[KeywordNode] | None:
    """A row's condition as keyword conditions any of which matches, or None."""
    if isinstance(condition, KeywordNode):
        return [condition]
    if isinstance(condition, AnyNode):
        children = [c for c in condition.children if isinstance(c, KeywordNode)]
        return children if len(children) == len(condition.children) else None
    return None


def _substrings(spelling: str, longest: int) -> Iterator[str]:
    """``spelling``'s substrings of up to ``longest`` characters, by start then end."""
    for start in range(len(spelling)):
        for end in range(start + 1, min(len(spelling), start + longest) + 1):
            yield spelling[start:end]


def _first_holder(
    sought: list[_Sought], found: _Found, own: dict[int, _Own], longest: int
) -> Row | None:
    """The first earlier row one of whose keywords each of ``sought`` holds, in each of
    its spellings; candidates come from the keyword fewest rows could hold."""
    if any(len(s) > _LONGEST for keyword, _ in sought for s in spellings(keyword.text)):
        return None
    lists: list[list[Row]] | None = None
    for keyword, fields in sought:
        mine = _candidates(spellings(keyword.text)[0], fields, found, longest)
        if lists is None or sum(map(len, mine)) < sum(map(len, lists)):
            lists = mine
        if not lists:
            return None
    seen: set[int] = set()
    row: Row
    for row in heapq.merge(*(lists or ()), key=lambda r: r.index):
        if row.index in seen:
            continue
        seen.add(row.index)
        if all(_holds(keyword, fields, own[row.index], longest) for keyword, fields in sought):
            return row
    return None


def _candidates(
    spelling: str, fields: frozenset[str], found: _Found, longest: int
) -> list[list[Row]]:
    """The lists of rows (each in row order) a keyword of which ``spelling`` holds, in
    fields that take in ``fields``."""
    return [
        rows
        for part in _substrings(spelling, longest)
        for searched, rows in found.get(part, {}).items()
        if fields <= searched
    ]


def _holds(keyword: Keyword, fields: frozenset[str], mine: _Own, longest: int) -> bool:
    return all(_held(s, fields, mine, longest) is not None for s in spellings(keyword.text))


def _held(spelling: str, fields: frozenset[str], mine: _Own, longest: int) -> str | None:
    """The first keyword of a row (``mine``) that ``spelling`` holds in ``fields``, as kept."""
    return next(
        (
            text
            for part in _substrings(spelling, longest)
            for searched, text in mine.get(part, ())
            if fields <= searched
        ),
        None,
    )
