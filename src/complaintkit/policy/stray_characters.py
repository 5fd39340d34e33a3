"""A character at a JSON or TOML syntax error that looks like what the parser expected, or
like nothing: what it is, and what to type.

The parsers say what they expected at the position ("Expecting ':' delimiter"), where the
author sees what looks like it — a full-width colon, comma, bracket, quotation mark, digit
or space a Chinese input method typed — or nothing at all: a zero width space or joiner
pasted with the text. The error names the character and what to type.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from complaintkit.policy.invisible_in_words import NAMES as INVISIBLE

#: Characters NFKC leaves alone that an input method types for ASCII punctuation.
_MEANT: Final = {
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u3001": ",",
    "\u3010": "[",
    "\u3011": "]",
}


def stray_character(here: str) -> str | None:
    """What to say of the character starting ``here`` (the text at a syntax error) when it
    is invisible or stands for an ASCII character, e.g. "full-width '<U+FF1A>' (U+FF1A) where ':' was meant";
    else None."""
    char = here[:1]
    if not char or char.isascii():
        return None
    if char in INVISIBLE:
        return f"an invisible {INVISIBLE[char]} (U+{ord(char):04X}) here: delete it"
    meant = _MEANT.get(char) or unicodedata.normalize("NFKC", char)
    if len(meant) != 1 or not meant.isascii():
        return None
    shown = "a space" if meant == " " else f"'{meant}'"
    return f"full-width '{char}' (U+{ord(char):04X}) where {shown} was meant: type {shown}"
