"""The top-level members of a JSON object, read as its text arrives, in constant memory.

A chat robot writes its verdict (``errcode``, ``errmsg``) among the members of the JSON
object its answer holds. Reading that body whole to parse it would let a receiver answering
megabytes hold the worker's memory; reading only its start missed a verdict written after
a long field. This reader takes the text a piece at a time, keeps the raw text of the
members asked for (each up to ``kept`` characters) and skips every other value without
keeping it, and says when the object has closed, so that the body need not be read to its
end (a receiver that keeps the connection open after it is not waited for).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Generator

#: What may stand between two tokens.
_BLANK = re.compile(r"[ \t\r\n]*")
#: Where a string's run of plain characters ends.
_IN_STRING = re.compile(r'["\\]')
#: Where a nested array's or object's run of plain characters ends.
_IN_NESTED = re.compile(r'[\[\]{}"]')
#: A number or literal (``true``, ``null``): up to what ends a value.
_SCALAR = re.compile(r"[^ \t\r\n,\]}]*")

#: The longest member name kept: longer than any name asked for.
_LONGEST_NAME = 64

_Waiting = Generator[None, None, None]

#: What ``Member.value`` gives for a value not read whole, or that is no JSON.
UNREAD = object()


class Member:
    """A member's value as raw JSON text, its first ``kept`` characters only."""

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._pieces: list[str] = []
        self._length = 0
        self.cut = False  # longer than kept
        self.ended = False  # its whole value was read

    def add(self, piece: str) -> None:
        room = self._kept - self._length
        if len(piece) > room:
            piece, self.cut = piece[:room], True
        if piece:
            self._pieces.append(piece)
            self._length += len(piece)

    @property
    def text(self) -> str:
        return "".join(self._pieces)

    def value(self) -> object:
        """The value, when it was read whole and is JSON; else ``UNREAD``."""
        if not self.ended or self.cut:
            return UNREAD
        try:
            return json.loads(self.text)
        except (ValueError, RecursionError):
            return UNREAD

    def words(self) -> str:
        """The value as words: the string it is (as far as it was kept), or its JSON."""
        value = self.value()
        if value is not UNREAD:
            return str(value)
        text = self.text
        if text.startswith('"'):
            return text[1:].removesuffix('"')
        return text


class ObjectMembers:
    """Fed the text of a body piece by piece, keeps the top-level members named in
    ``wanted`` (the last of a repeated name, as ``json.loads`` does) until the object closes,
    or the text turns out to be no object."""

    def __init__(self, wanted: Collection[str], *, kept: int = 1000) -> None:
        self.members: dict[str, Member] = {}
        self.done = False
        self._wanted = wanted
        self._kept = kept
        self._chunk = ""
        self._at = 0
        self._reading = self._object()
        next(self._reading)  # to its first wait for text

    def feed(self, text: str) -> bool:
        """Reads ``text``; whether the object has closed (or is none), so that no more of the
        body is needed."""
        if self.done:
            return True
        self._chunk, self._at = text, 0
        try:
            next(self._reading)
        except StopIteration:
            self.done = True
        return self.done

    def _more(self) -> _Waiting:
        while self._at >= len(self._chunk):
            yield

    def _next_char(self) -> Generator[None, None, str]:
        """The next character that is not blank, not consumed."""
        while True:
            yield from self._more()
            blank = _BLANK.match(self._chunk, self._at)
            self._at = blank.end() if blank else self._at
            if self._at < len(self._chunk):
                return self._chunk[self._at]

    def _object(self) -> _Waiting:
        if (yield from self._next_char()) != "{":
            return
        self._at += 1
        while (yield from self._next_char()) == '"':
            name = Member(_LONGEST_NAME)
            yield from self._string(name)
            name.ended = True
            if (yield from self._next_char()) != ":":
                return
            self._at += 1
            known = name.value()
            wanted = isinstance(known, str) and known in self._wanted
            value = Member(self._kept if wanted else 0)
            if wanted:
                self.members[str(known)] = value
            yield from self._value(value)
            value.ended = True
            if (yield from self._next_char()) != ",":
                return  # "}" closes it; anything else is no JSON past here
            self._at += 1

    def _value(self, into: Member) -> _Waiting:
        first = yield from self._next_char()
        if first == '"':
            yield from self._string(into)
        elif first in "[{":
            yield from self._nested(into)
        else:
            yield from self._scalar(into)

    def _string(self, into: Member) -> _Waiting:
        into.add('"')
        self._at += 1
        while True:
            yield from self._more()
            stop = _IN_STRING.search(self._chunk, self._at)
            end = stop.start() if stop else len(self._chunk)
            into.add(self._chunk[self._at : end])
            self._at = end
            if stop is None:
                continue
            into.add(stop[0])
            self._at += 1
            if stop[0] == '"':
                return
            yield from self._more()  # the escaped character may come in the next piece
            into.add(self._chunk[self._at])
            self._at += 1

    def _nested(self, into: Member) -> _Waiting:
        depth = 0
        while True:
            yield from self._more()
            stop = _IN_NESTED.search(self._chunk, self._at)
            end = stop.start() if stop else len(self._chunk)
            into.add(self._chunk[self._at : end])
            self._at = end
            if stop is None:
                continue
            if stop[0] == '"':
                yield from self._string(into)
                continue
            into.add(stop[0])
            self._at += 1
            depth += 1 if stop[0] in "[{" else -1
            if depth == 0:
                return

    def _scalar(self, into: Member) -> _Waiting:
        while True:
            yield from self._more()
            scalar = _SCALAR.match(self._chunk, self._at)
            end = scalar.end() if scalar else self._at
            into.add(self._chunk[self._at : end])
            self._at = end
            if end < len(self._chunk):
                return
