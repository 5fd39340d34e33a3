"""Which keywords a condition that held found, and how the complaint spelt them.

A row with thirty keywords that fired tells its author little until ``explain`` names the
words it found: 变质 as the policy lists it, and 變質, full-width or capital MOULD as the
customer typed it, since the index matches every spelling, width and case alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs

from complaintkit.policy.chinese_forms import spellings
from complaintkit.policy.condition_nodes import AllNode, AnyNode, KeywordNode, Node
from complaintkit.policy.facts import Facts
from complaintkit.policy.keywords import Keyword
from complaintkit.policy.matchtext import match_form
from complaintkit.policy.word_letters import continues_word

_ALNUM: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@attrs.frozen
class FoundWord:
    """A keyword found: as the policy wrote it, and as the text spelt it."""

    keyword: str
    in_text: str

    def __str__(self) -> str:
        same = self.in_text in ("", self.keyword)
        return self.keyword if same else f"{self.keyword} (the text has {self.in_text})"

    def to_json(self) -> dict[str, str]:
        return {"keyword": self.keyword, "as_written": self.in_text or self.keyword}


def words_found(node: Node | None, facts: Facts) -> tuple[FoundWord, ...]:
    """The keywords that made ``node`` hold for ``facts``, each once, in policy order."""
    return tuple(dict.fromkeys(_found(node, facts)))


def _found(node: Node | None, facts: Facts) -> Iterator[FoundWord]:
    if isinstance(node, AllNode | AnyNode):
        for child in node.children:
            if child(facts):  # an alternative that failed found nothing that counted
                yield from _found(child, facts)
    elif isinstance(node, KeywordNode) and node(facts):
        for keyword, text in node.keywords.found_in(facts):
            yield FoundWord(keyword.written or keyword.text, spelt_in(keyword, text))


def spelt_in(keyword: Keyword, text: str) -> str:
    """The characters of ``text`` where ``keyword`` is first found, as typed; "" if none."""
    folded, starts = [], []
    for place, char in enumerate(text):
        form = match_form(char) or (" " if char.isspace() else "")
        folded.append(form)
        starts.extend([place] * len(form))
    scanned = "".join(folded)
    excluded = [
        span
        for phrase in keyword.exclude
        for form in spellings(phrase)
        for span in _occurrences(scanned, form)
    ]
    for form in spellings(keyword.text):
        bounds = keyword.bounds
        for at, end in _occurrences(scanned, form):
            before = bounds & 1 and at and _in_word(scanned[at - 1])
            after = bounds & 2 and end < len(scanned) and _in_word(scanned[end])
            inside = any(s <= at and end <= e for s, e in excluded)
            if not (before or after or inside):
                return text[starts[at] : starts[end - 1] + 1]
    return ""


def _in_word(char: str) -> bool:
    return char in _ALNUM or continues_word(char)


def _occurrences(scanned: str, form: str) -> Iterator[tuple[int, int]]:
    """Where ``form`` is in ``scanned``, overlapping occurrences too."""
    at = scanned.find(form)
    while at >= 0:
        yield at, at + len(form)
        at = scanned.find(form, at + 1)
