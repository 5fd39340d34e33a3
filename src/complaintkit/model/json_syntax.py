"""Why a document is no JSON, in complaintkit's words, at the line and column it stops.

The json module's message ("Expecting value: line 1 column 1 (char 0)") changes with the
Python version, says what the parser wanted rather than what is wrong, and would reach
dead letters and the report's refused-input table verbatim. Only the error's position is
taken from it; what stands there is read from the text itself.
"""

from __future__ import annotations

import json
from typing import Final

#: Characters JSON never holds raw inside a quoted text.
_CONTROLS: Final = frozenset(chr(code) for code in range(0x20))


def not_json(text: str, error: json.JSONDecodeError) -> str:
    """What is wrong with ``text`` where ``error`` says reading it stopped, and where; the
    same words for the same mistake, so refused lines are counted together."""
    at = f"line {error.lineno}, column {error.colno}"
    pos = error.pos
    if pos >= len(text):
        return f"is not JSON: it ends at {at} before its value is complete"
    here = text[pos]
    if here == '"' and _never_closed(text, pos):
        return f"is not JSON: the text quoted at {at} is never closed"
    if here in _CONTROLS:
        return f"is not JSON: a text holds {here!r} as it is at {at}: write it as an escape (\\n)"
    if here == "\\":
        escape = text[pos : pos + 2]
        return f"is not JSON: a text holds the unknown escape {escape!r} at {at}: write \\\\ for \\"
    if _one_value_before(text, pos):
        return f"is not JSON: more follows its value at {at}: a document holds one value"
    return f"is not JSON: what stands at {at} starts no JSON value, ',' or bracket"


def _never_closed(text: str, pos: int) -> bool:
    """Whether the quote at ``pos`` opens a text that runs to the end unclosed."""
    escaped = False
    for ch in text[pos + 1 :]:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            return False
    return True


def _one_value_before(text: str, pos: int) -> bool:
    """Whether a whole value ends before ``pos``, with only blanks between."""
    start = len(text) - len(text.lstrip(" \t\r\n"))
    try:
        _, end = json.JSONDecoder().raw_decode(text, start)
    except (ValueError, RecursionError):
        return False
    return not text[end:pos].strip(" \t\r\n")
