"""Invisible characters inside a policy's ids, keys and other one-word values, and blanks
that are no space around them.

A zero width space (U+200B), word joiner (U+2060), zero width non-joiner or joiner (U+200C,
U+200D), or a byte order mark written as an escape, comes with text copied from a web page,
a chat or a word processor. Inside an id it makes two that look the same differ: a row id
beside its twin, a team routing names and no team is, an owner no one is. Each in a key or
in a value of one word (no blank or sentence punctuation, as long as an id at most) is an
error at the character, and the policy is read on without it. So is a no-break or
full-width space before or after one (``spoiled`` then U+00A0), which YAML does not strip
from a plain value as it strips a space. A joiner between two letters of a script that
joins them (Persian, the Indic scripts) or inside an emoji sequence is part of the word and
is kept; sentences (labels, templates) are left to the checks that read them.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

import attrs

from complaintkit.errors import Location, Problem
from complaintkit.policy.as_written import as_written
from complaintkit.policy.data_paths import join

if TYPE_CHECKING:  # source imports this module
    from complaintkit.policy.located import Located
    from complaintkit.policy.source import Source

NAMES: Final = {
    "\u200b": "zero width space",
    "\u200c": "zero width non-joiner",
    "\u200d": "zero width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte order mark",
}
#: Blanks that are no ASCII space, which YAML does not strip from around a plain value.
EDGE_BLANKS: Final = {
    "\u00a0": "no-break space",
    "\u202f": "narrow no-break space",
    "\u2007": "figure space",
    "\u3000": "full-width space",
}
_SAID: Final = NAMES | EDGE_BLANKS
_EDGES: Final = "".join(EDGE_BLANKS)
_JOINERS: Final = "\u200c\u200d"
_MARKS: Final = "".join(NAMES)
_ANY: Final = re.compile(f"[{''.join(_SAID)}]")
#: Longest value taken for a word: ids and names are short, sentences long.
_LONGEST_WORD: Final = 64
#: Punctuation that makes a value a sentence, not a word (Chinese text has no blanks).
_SENTENCE: Final = re.compile("[\\s\uff0c\u3002\uff01\uff1f\uff1b\uff1a\u3001,;!?]")
#: What may be written as an escape of one of the marks (``"\u200b"``): only then need a
#: policy without the marks themselves be read through.
_ESCAPE: Final = re.compile(r"\\[uU]")


def invisible_in_words(source: Source, text: str, before: list[Problem]) -> Source:
    """``source`` with ``before`` and an error at each invisible character inside a key or
    a one-word value, each such key and value without them."""
    found: list[Problem] = []
    if _ANY.search(text) or _ESCAPE.search(text):
        places = _Places(text)
        found = list(_marked(source.data, source.tree, "", places, source.file))
    if not before and not found:
        return source
    return attrs.evolve(source, problems=(*before, *found, *source.problems))


def _marked(data: Any, tree: Located, path: str, places: _Places, file: str) -> Iterator[Problem]:
    stack = [(data, tree, path)]
    while stack:
        value, node, here = stack.pop()
        if isinstance(value, dict):
            yield from _keys(value, node, here, places, file)
            entries: Any = value.items()
        elif isinstance(value, list):
            entries = enumerate(value)
        else:
            continue
        for key, child in list(entries):
            child_node = node.children.get(key, node)
            child_path = join(here, key)
            if isinstance(child, str) and (at := _before_quote(child)) is not None:
                skip = len(key) if isinstance(key, str) else 0
                where = places.find(child_node.location, child[at], skip, len(child))
                yield _quote_problem(where, file, child_path, child, at)
                value[key] = _unquoted(child)
            elif isinstance(child, str) and (
                (at := _beside_a_blank(child)) is not None
                or (at := _mark_at(child, word=True)) is not None
            ):
                skip = len(key) if isinstance(key, str) else 0
                where = places.find(child_node.location, child[at], skip, len(child))
                yield _problem(where, file, child_path, child, at)
                value[key] = _without(child)
            elif isinstance(child, dict | list):
                stack.append((child, child_node, child_path))


def _keys(
    mapping: dict[str, Any], node: Located, path: str, places: _Places, file: str
) -> Iterator[Problem]:
    """An error at each key holding a mark, the key renamed without it where it was written
    (unless another key has that name: the schema reports what follows then)."""
    written = list(mapping)
    kept: dict[str, Any] = {}
    for key in written:
        at = _mark_at(key, word=False) if isinstance(key, str) else None
        if at is None:
            kept[key] = mapping[key]
            continue
        clean = _without(key)
        where = places.find(node.children.get(key, node).location, key[at], 0, len(key))
        yield _problem(where, file, join(path, clean), key, at)
        named = key if clean in mapping or clean in kept else clean
        kept[named] = mapping[key]
        if named != key and key in node.children:
            node.children[named] = node.children.pop(key)
    if list(kept) != written:
        mapping.clear()
        mapping.update(kept)


def _mark_at(text: str, *, word: bool) -> int | None:
    """Where the first mark that joins nothing is in ``text`` (for a value, one of a
    single word only), or None."""
    if not _ANY.search(text):
        return None
    clean = _without(text)
    if not clean or (word and (len(clean) > _LONGEST_WORD or _SENTENCE.search(clean))):
        return None
    lead = len(text) - len(text.lstrip(" \t"))  # blanks any editor shows: the mark follows
    if lead < len(text) and text[lead] in _EDGES:
        return lead
    inside = (at for at, char in enumerate(text) if char in NAMES and not _joined(text, at))
    at = min(next(inside, len(text)), _trailing_edge(text))
    return at if at < len(text) and clean != text else None  # (a middle blank is no mark)


def _before_quote(text: str) -> int | None:
    """Where the first of the marks standing before an opening quote is (``en: <U+200B>"the
    text"``), or None. YAML then reads a plain value and the quotes become part of the
    text, a sentence's too: shown to a customer as ``"the text"``."""
    written = text.lstrip(" \t")
    after = written.lstrip(_MARKS)
    if after[:1] not in ("'", '"') or after == written:
        return None
    return len(text) - len(written)


def _beside_a_blank(text: str) -> int | None:
    """Where the first mark standing between a value's edge and a blank is (``[gas,
    <U+200C> trapped in the lift]``), or None. YAML strips the blanks round a plain value
    but not past the mark, so they and the mark, which joins nothing there, become part of
    the text, a sentence's too: a keyword so loaded never matches. A value of marks and
    blanks alone is left to the checks of blank values."""
    if not _without(text):
        return None
    written = text.lstrip(" \t")
    after = written.lstrip(_MARKS)
    if after != written and after[:1] in (" ", "\t"):
        return len(text) - len(written)
    written = text.rstrip(" \t")
    before = written.rstrip(_MARKS)
    if before != written and before[-1:] in (" ", "\t"):
        return len(before)
    return None


def _unquoted(text: str) -> str:
    """``text`` as it was meant: without its marks, and without the quotes a mark before
    them made part of it."""
    kept = _without(text)
    quote = kept[:1]
    return kept[1:-1] if len(kept) > 1 and kept.endswith(quote) else kept


def _trailing_edge(text: str) -> int:
    """Where the first blank that is no space stands among the blanks ending ``text`` (a
    tab any editor shows may follow it), or ``len(text)``."""
    word = len(text.rstrip(_EDGES + " \t"))
    return next((at for at in range(word, len(text)) if text[at] in _EDGES), len(text))


def _joins(text: str, at: int) -> bool:
    """Whether the joiner at ``at`` stands between two characters of a script or symbol
    set that joins (not ASCII, not CJK or full-width letters)."""
    return 0 < at < len(text) - 1 and _joining(text[at - 1]) and _joining(text[at + 1])


def _joining(char: str) -> bool:
    kind = unicodedata.category(char)[0]
    if ord(char) < 0x80 or kind not in "LMS":
        return char in _JOINERS
    return not (kind == "L" and unicodedata.east_asian_width(char) in "WF")


def _joined(text: str, at: int) -> bool:
    return text[at] in _JOINERS and _joins(text, at)


def _without(text: str) -> str:
    """``text`` without its invisible marks (a joiner that joins kept) and the blanks
    around it: those that are no space, and the spaces YAML strips from around a plain
    value but for a mark between them and the edge (``[gold, <U+200B> vip]``)."""
    kept = "".join(char for at, char in enumerate(text) if char not in NAMES or _joined(text, at))
    return kept.strip(_EDGES + " \t")


@attrs.frozen
class _Places:
    """Offsets of the text's lines, to turn a node's line and column into an offset and
    find the character in what follows it."""

    text: str
    starts: list[int] = attrs.field()

    @starts.default
    def _lines(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def find(self, node: Location, mark: str, skip: int, length: int) -> Location:
        """Where ``mark`` is first written after ``skip`` characters from ``node``, within
        what ``length`` characters written in quotes or escapes may take; else ``node``."""
        if node.line is None or node.column is None or node.line > len(self.starts):
            return node
        start = self.starts[node.line - 1] + node.column - 1 + skip
        at = self.text.find(mark, start, start + 2 * length + 16)
        if at < 0:
            return node
        line = bisect.bisect_right(self.starts, at)
        return attrs.evolve(node, line=line, column=at - self.starts[line - 1] + 1)


def _quote_problem(where: Location, file: str, path: str, text: str, at: int) -> Problem:
    mark = text[at]
    return Problem(
        attrs.evolve(where, file=where.file or file, path=path),
        f"an invisible {_SAID[mark]} (U+{ord(mark):04X}) before the opening quote: YAML "
        f"then reads the quotes as part of the text, {as_written(_without(text))}",
        "delete it (it comes with text copied from a web page, a chat or a word processor); "
        "the rest of the policy is checked as if you had",
        code="invisible-character",
    )


def _problem(where: Location, file: str, path: str, text: str, at: int) -> Problem:
    mark = text[at]
    shown = "".join(f"<U+{ord(c):04X}>" if c in _SAID else c for c in text)
    return Problem(
        attrs.evolve(where, file=where.file or file, path=path),
        f"an invisible {_SAID[mark]} (U+{ord(mark):04X}) in {as_written(shown)}: it makes it "
        f"differ from {as_written(_without(text))}, which looks the same",
        "delete it (it comes with text copied from a web page, a chat or a word processor); "
        "the rest of the policy is checked as if you had",
        code="invisible-character",
    )
