"""Keyword rows of a ``unique`` table that both match one text: ``[牛奶变质]`` and ``[变质]``.

Hit policy ``unique`` forbids two rows matching one record. Two keyword rows both match a
complaint naming both their words, which only a generated text finds (``complaintkit
check``); but a row's keyword that holds another row's keyword found anywhere in a text
(``牛奶变质`` holds ``变质``; 變質 is the same keyword), or the same keyword in two rows,
makes every complaint saying it match both, which is certain from the policy alone and is
refused at load, with that keyword. Only rows whose whole condition is keywords (or
``any`` of them) without ``except`` are compared, searching at least one field in common.
Earlier keywords are kept by their spellings and by their parts of up to a short phrase's
length, and each row is named once, with the first row before it that it overlaps, so a
table of thousands of keyword rows is checked in about linear time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from complaintkit.policy.as_written import as_written
from complaintkit.policy.chinese_forms import spellings
from complaintkit.policy.implied_rows import keyword_conditions

if TYPE_CHECKING:
    from complaintkit.policy.keywords import Keyword
    from complaintkit.policy.tables import Row

#: Longest keyword whose substrings are looked up, and longest keyword sought inside one.
_LONGEST = 64
_SHORT = 12

_Found = tuple["Row", "Keyword", frozenset[str]]


def keyword_overlaps(rows: Sequence[Row]) -> Iterator[tuple[Row, Row, str]]:
    """Each row with the first row before it sharing a text both find, and that text
    (``a text saying '牛奶变质' (holding '变质')``): a table of rows all sharing one
    keyword is named a row at a time, not every pair."""
    whole: dict[str, list[_Found]] = {}  # each spelling of an earlier keyword
    inside: dict[str, list[_Found]] = {}  # each short part of an earlier keyword
    for row in rows:
        mine = [
            (row, keyword, frozenset(condition.keywords.fields))
            for condition in keyword_conditions(row.condition) or ()
            for keyword in condition.keywords.keywords
            if not keyword.exclude and len(keyword.text) <= _LONGEST
        ]
        for found in mine:
            if (overlap := _first_overlap(found, whole, inside)) is not None:
                yield overlap[0], row, overlap[1]
                break
        for found in mine:
            text = found[1].text
            for spelling in spellings(text):
                whole.setdefault(spelling, []).append(found)
            for part in dict.fromkeys(_parts(text)):
                inside.setdefault(part, []).append(found)


def _first_overlap(
    found: _Found, whole: dict[str, list[_Found]], inside: dict[str, list[_Found]]
) -> tuple[Row, str] | None:
    """The earlier row finding every text that says ``found``'s keyword or that its
    keyword holds, and what such a text says; None if none."""
    _, keyword, fields = found
    said = f"a text saying {as_written(keyword.text)}"
    for part in (keyword.text, *_parts(keyword.text)):
        for row, held, their_fields in whole.get(part, ()):
            if fields & their_fields and (part == keyword.text or not held.bounds):
                holding = "" if part == keyword.text else f" (holding {as_written(held.text)})"
                return row, said + holding
    if keyword.bounds:  # a word: not found inside another
        return None
    for spelling in spellings(keyword.text):
        for row, holder, their_fields in inside.get(spelling, ()):
            if fields & their_fields:
                text = as_written(holder.text)
                return row, f"a text saying {text} (holding {as_written(keyword.text)})"
    return None


def _parts(text: str) -> Iterator[str]:
    """``text``'s substrings of up to ``_SHORT`` characters, but ``text`` itself."""
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + _SHORT) + 1):
            if end - start < len(text):
                yield text[start:end]
