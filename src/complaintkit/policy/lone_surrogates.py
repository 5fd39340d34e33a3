"""Half a surrogate pair in a JSON policy: ``json.dumps`` writes 🙏 as ``\\ud83d\\ude4f``,
and a value cut between the two halves keeps one. JSON reads it as text no encoder can
write, which would fail much later — compiling a keyword table, hashing an event — far
from the value. Each lone half is a problem at its own escape."""

from __future__ import annotations

import re
from typing import Final

from complaintkit.errors import Location, Problem

#: A surrogate escape, after any escaped backslashes (``\\ud83d`` is plain text).
_ESCAPE: Final = re.compile(r"(?<!\\)(?:\\\\)*\\u([dD][89a-fA-F][0-9a-fA-F]{2})")
_LOW: Final = 0xDC00


def lone_surrogates(text: str, file: str) -> list[Problem]:
    """A problem for every surrogate escape in JSON ``text`` that is not one half of a pair
    (a high half directly followed by a low half)."""
    escapes = [(m.end() - 6, int(m.group(1), 16)) for m in _ESCAPE.finditer(text)]
    problems = []
    index = 0
    while index < len(escapes):
        at, code = escapes[index]
        following = escapes[index + 1] if index + 1 < len(escapes) else (-1, 0)
        if code < _LOW and following[0] == at + 6 and following[1] >= _LOW:
            index += 2
            continue
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        problems.append(
            Problem(
                Location(file, line, column),
                f"\\u{code:04x} is half of a surrogate pair, without its other half",
                "write the character itself, or both halves of its escape",
                code="bad-value",
            )
        )
        index += 1
    return problems
