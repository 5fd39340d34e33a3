"""Where each key of a TOML policy is written, so a problem is told at its key, not at the
top of the file: tomllib gives values only. A key is found in a table header (``[sla]``,
``[[classification.rules]]``: the n-th table of an array of tables at its n-th header), as
a dotted key (``label.zh = …``) or inside an inline table; a list item at its value. The
text was parsed already, so this only walks it, once, skipping strings and comments.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from contextlib import suppress
from typing import Final

#: A path into the data: its keys and list indices.
DataPath = tuple[str | int, ...]

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
#: Where a plain value (a number, date, true or false) ends.
_VALUE_END: Final = re.compile(r"[,\]}#\r\n]")


def toml_places(text: str, max_depth: int) -> dict[DataPath, tuple[int, int]]:
    """Each key's (and list item's) path → its 1-based line and column, the first place a
    table is named for one named again (``[a.b]`` names ``a``, ``[a.c]`` does too). Values
    nested deeper than ``max_depth`` are not walked: such a policy is refused anyway."""
    walk = _Walk(text, max_depth)
    with suppress(_TooDeep):  # the places found so far: the reader refuses the nesting
        walk.document()
    starts = [0, *(found.end() for found in re.finditer("\n", text))]
    places: dict[DataPath, tuple[int, int]] = {}
    for path, offset in walk.places.items():
        line = bisect_right(starts, offset)
        places[path] = (line, offset - starts[line - 1] + 1)
    return places


class _TooDeep(Exception):
    """Values nest deeper than the walk follows."""


class _Walk:
    """One pass over valid TOML, noting the offset each key and list item starts at."""

    def __init__(self, text: str, max_depth: int) -> None:
        self.text = text
        self.max_depth = max_depth
        self.at = 0
        self.places: dict[DataPath, int] = {}
        self.tables_in: dict[DataPath, int] = {}  # [[…]] headers seen per array of tables

    def document(self) -> None:
        table: DataPath = ()
        while self._blank(newlines=True) < len(self.text):
            if self.text[self.at] == "[":
                table = self._header()
            else:
                self._pair(table)

    def _header(self) -> DataPath:
        start = self.at
        many = self.text.startswith("[[", self.at)
        self.at += 2 if many else 1
        keys = self._key()
        self._blank()
        self.at += 2 if many else 1
        path: DataPath = ()
        for n, (key, at) in enumerate(keys):
            path = (*path, key)
            self._note(path, at)
            if many and n == len(keys) - 1:
                count = self.tables_in.get(path, 0)
                self.tables_in[path] = count + 1
                path = (*path, count)
                self._note(path, start)
            elif path in self.tables_in:  # [a.b] under [[a]]: in a's latest table
                path = (*path, self.tables_in[path] - 1)
        return path

    def _pair(self, table: DataPath) -> None:
        path = table
        for key, at in self._key():
            path = (*path, key)
            self._note(path, at)
        self._blank()
        self.at += 1  # '='
        self._blank()
        self._value(path)

    def _key(self) -> list[tuple[str, int]]:
        keys: list[tuple[str, int]] = []
        while True:
            self._blank()
            start = self.at
            if self.text.startswith(('"', "'"), start):
                self._string()
                key = tomllib.loads(f"k = {self.text[start : self.at]}")["k"]
            else:
                found = _BARE_KEY.match(self.text, start)
                self.at = found.end() if found else start + 1
                key = self.text[start : self.at]
            keys.append((key, start))
            self._blank()
            if not self.text.startswith(".", self.at):
                return keys
            self.at += 1

    def _value(self, path: DataPath) -> None:
        if len(path) > self.max_depth:
            raise _TooDeep
        first = self.text[self.at : self.at + 1]
        if first == "{":
            self._inline_table(path)
        elif first == "[":
            self._array(path)
        elif first in ('"', "'"):
            self._string()
        else:
            found = _VALUE_END.search(self.text, self.at)
            self.at = found.start() if found else len(self.text)

    def _inline_table(self, path: DataPath) -> None:
        self.at += 1
        while self._blank(newlines=True) < len(self.text) and self.text[self.at] != "}":
            if self.text[self.at] == ",":
                self.at += 1
                continue
            self._pair(path)
        self.at += 1

    def _array(self, path: DataPath) -> None:
        self.at += 1
        index = 0
        while self._blank(newlines=True) < len(self.text) and self.text[self.at] != "]":
            if self.text[self.at] == ",":
                self.at += 1
                continue
            self._note((*path, index), self.at)
            self._value((*path, index))
            index += 1
        self.at += 1

    def _string(self) -> None:
        quote = self.text[self.at]
        if self.text.startswith(quote * 3, self.at):
            self.at = self._closing(quote * 3, self.at + 3, escapes=quote == '"')
            while self.text.startswith(quote, self.at):  # up to two quotes end the text
                self.at += 1
        else:
            self.at = self._closing(quote, self.at + 1, escapes=quote == '"')

    def _closing(self, quote: str, at: int, *, escapes: bool) -> int:
        """The offset just past the ``quote`` closing a string whose text starts at ``at``."""
        while True:
            end = self.text.find(quote, at)
            if end < 0:
                return len(self.text)
            if not escapes or _backslashes_before(self.text, end) % 2 == 0:
                return end + len(quote)
            at = end + 1

    def _blank(self, *, newlines: bool = False) -> int:
        """Skip spaces, tabs and comments (and line ends with ``newlines``); the new offset."""
        skipped = " \t\r\n" if newlines else " \t"
        while self.at < len(self.text):
            if self.text[self.at] in skipped:
                self.at += 1
            elif self.text[self.at] == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end < 0 else end
            else:
                break
        return self.at

    def _note(self, path: DataPath, at: int) -> None:
        self.places.setdefault(path, at)


def _backslashes_before(text: str, at: int) -> int:
    count = 0
    while at - count > 0 and text[at - count - 1] == "\\":
        count += 1
    return count
