"""Where a TOML policy nests deeper than the reader allows, for the error to name.

tomllib says nothing of depth: a few hundred levels down it runs out of stack, and above
that the reader counts the levels of the data it built, which has no lines. Either way the
author was told the file nests too deep and left to search it. This scan follows the text's
table headers, dotted keys, arrays and inline tables (skipping strings and comments) to the
first table or array past the limit, counting levels as the YAML and JSON readers do (the
root table is the first). It only locates: the text was already found too deep, so a text
it cannot follow is answered None, never refused by it.
"""

from __future__ import annotations

from typing import Final

_BARE: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_BLANKS: Final = " \t\r"


def too_deep_at(text: str, limit: int) -> tuple[int, int] | None:
    """``(line, column)``, 1-based, of the first table or array nested deeper than
    ``limit`` levels; None when the scan finds none."""
    at = _Scan(text, limit).run()
    if at is None:
        return None
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


class _Scan:
    """One pass over the text: ``open`` holds the inline arrays and tables open at ``i``,
    each with its level."""

    def __init__(self, text: str, limit: int) -> None:
        self.text, self.limit, self.i = text, limit, 0
        self.table = 1  # the level of the table the last header opened
        self.arrays: set[tuple[str, ...]] = set()  # the headers of arrays of tables
        self.open: list[tuple[str, int]] = []

    def run(self) -> int | None:
        """The offset of the first container past the limit, or None."""
        text, key = self.text, True  # a key (or a header) may begin here
        parent = self.table  # the level of what holds the next value
        found: int | None = None
        while self.i < len(text) and found is None:
            char = text[self.i]
            if char == "\n" and not self.open:
                key, parent = True, self.table
            if char in "\n" + _BLANKS:
                self.i += 1
            elif char == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            elif key and char == "[" and not self.open:
                found, parent = self._header(), self.table
            elif key:
                found, parent = self._key(self.open[-1][1] if self.open else self.table)
                key = False
            else:
                found, key, parent = self._value(char, parent)
        return found

    def _value(self, char: str, parent: int) -> tuple[int | None, bool, int]:
        """Step over ``char`` of a value held at level ``parent``: the offset of a
        container past the limit (or None), whether a key may begin next, and the level of
        what holds the next value."""
        key = False
        if char in "[{":
            parent += 1
            if parent > self.limit:
                return self.i, key, parent
            self.open.append((char, parent))
            key = char == "{"
        elif char in "]}," and self.open:
            if char != ",":
                self.open.pop()
            kind, parent = self.open[-1] if self.open else ("", self.table)
            key = char == "," and kind == "{"
        elif char in "\"'":
            self.i = self._string_end(self.i)
            return None, key, parent
        self.i += 1
        return None, key, parent

    def _header(self) -> int | None:
        """Read ``[a.b]`` or ``[[a.b]]`` at ``i``: the offset of its key past the limit,
        or None, the header's table the one later keys go in."""
        double = self.text.startswith("[[", self.i)
        self.i += 2 if double else 1
        parts = self._parts()
        level = 1
        prefix: tuple[str, ...] = ()
        for n, (name, at) in enumerate(parts):
            prefix = (*prefix, name)
            item = prefix in self.arrays or (double and n == len(parts) - 1)
            level += 2 if item else 1
            if level > self.limit:
                return at
        if double:
            self.arrays.add(prefix)
        self.table = level
        return None

    def _key(self, level: int) -> tuple[int | None, int]:
        """Read a (dotted) key at ``i``: the offset of its part past the limit (or None),
        and the level of what holds its value."""
        parts = self._parts()
        for _, at in parts[:-1]:
            level += 1
            if level > self.limit:
                return at, level
        if self.text.startswith("=", self.i):
            self.i += 1
        return None, level

    def _parts(self) -> list[tuple[str, int]]:
        """The parts of the dotted key at ``i``, each with its offset; ``i`` after them."""
        text, parts = self.text, []
        while self.i < len(text):
            while self.i < len(text) and text[self.i] in _BLANKS:
                self.i += 1
            start = self.i
            if start < len(text) and text[start] in "\"'":
                self.i = self._string_end(start)
            while self.i < len(text) and text[self.i] in _BARE:
                self.i += 1
            if self.i == start:
                break
            parts.append((text[start : self.i], start))
            while self.i < len(text) and text[self.i] in _BLANKS:
                self.i += 1
            if not text.startswith(".", self.i):
                break
            self.i += 1
        while text.startswith("]", self.i):
            self.i += 1
        return parts

    def _string_end(self, start: int) -> int:
        """The offset just past the string beginning at ``start``."""
        text, quote = self.text, self.text[start]
        if text.startswith(quote * 3, start):
            end = text.find(quote * 3, start + 3)
            while end >= 0 and text.startswith(quote, end + 3):
                end += 1  # """a "quoted" word""" may end in up to two more quotes
            return len(text) if end < 0 else end + 3
        at = start + 1
        while at < len(text) and text[at] not in (quote, "\n"):
            at += 2 if quote == '"' and text[at] == "\\" else 1
        return at + 1
