"""What a TOML syntax error means for a policy author, in the author's terms.

tomllib names what it expected ("Expected '=' after a key in a key/value pair"); an author
wants the mistake. Its reasons are matched here by their words; the parser's text goes to
the hint.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from complaintkit.policy.stray_characters import stray_character
from complaintkit.sla.date_advice import date_advice

#: (words of the parser's reason, what that means to an author), first match wins.
_MEANINGS: Final = (
    ("expected '='", "a key is not followed by '=' before its value (write key = value)"),
    ("unclosed array", "a list opened with '[' is not closed with ']'"),
    ("unclosed inline table", "a table opened with '{' is not closed with '}'"),
    ("unterminated string", "a quote opens a text that is never closed"),
    ("illegal character '\\n'", "a quote opens a text that is never closed on its line"),
    ("illegal character", "a character TOML does not allow here (a control character)"),
    ("overwrite", "a key is given twice (or a value where a table already is)"),
    ("twice", "a table is declared twice"),
    ("newline", "two statements on one line: put each key = value on its own line"),
    ("unescaped '\\'", "a lone backslash in a text: write \\\\, or use 'single quotes'"),
    ("escape", "an unknown backslash escape in a text: write \\\\ for a backslash"),
    ("invalid value", "a value is missing here, or is not TOML: put text in quotes"),
    ("invalid statement", "a line here is neither key = value nor a [table] header"),
)
_UNKNOWN: Final = "TOML cannot read the text at this position"
#: An unquoted date (or the date of a date and time) where the parser stopped.
_DATE: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")
_VALUE_CHARACTERS: Final = frozenset("0123456789-")


def toml_meaning(reason: str, here: str = "") -> str:
    """What tomllib's ``reason`` means for a policy, where the text from the error's
    position on is ``here``."""
    if (typed := stray_character(here)) is not None:
        return typed
    said = reason.lower()
    return next((meant for words, meant in _MEANINGS if words in said), _UNKNOWN)


def no_such_date(line: str, column: int) -> tuple[int, str, str] | None:
    """(column, message, hint) for an unquoted date of no real day (``2026-02-30``) in
    ``line`` where the parser stopped at ``column``, worded as a YAML or JSON policy's is.

    The parser stops at a date's start, or inside it when the month or day has digits no
    date has (``2026-13-01`` reads as the number 2026), so the value is found from there."""
    start = column - 1
    while 0 < start <= len(line) and line[start - 1] in _VALUE_CHARACTERS:
        start -= 1
    if (found := _DATE.match(line, start)) is None:
        return None
    try:
        date(*map(int, found.groups()))
    except ValueError:
        return start + 1, f"{found[0]!r} is not a usable date", date_advice(found[0])
    return None
