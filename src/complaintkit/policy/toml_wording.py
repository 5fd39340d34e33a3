"""What a TOML syntax error means for a policy author, in the author's terms.

tomllib names what it expected ("Expected '=' after a key in a key/value pair"); an author
wants the mistake. Its reasons are matched here by their words; the parser's text goes to
the hint.
"""

from __future__ import annotations

from typing import Final

from complaintkit.policy.stray_characters import stray_character

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


def toml_meaning(reason: str, here: str = "") -> str:
    """What tomllib's ``reason`` means for a policy, where the text from the error's
    position on is ``here``."""
    if (typed := stray_character(here)) is not None:
        return typed
    said = reason.lower()
    return next((meant for words, meant in _MEANINGS if words in said), _UNKNOWN)
