"""The ASCII character meant by one a Chinese input method types in full-width mode, for a
JSON or TOML syntax error at it.

The parsers say what they expected at the position ("Expecting ':' delimiter"), where the
author sees what looks like it: a full-width colon, comma, bracket, quotation mark, digit
or space. The error names the character and the one to type.
"""

from __future__ import annotations

import unicodedata
from typing import Final

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


def typed_in_full_width(here: str) -> str | None:
    """What to say of the character starting ``here`` (the text at a syntax error) when it
    stands for an ASCII character, e.g. "full-width '<U+FF1A>' (U+FF1A) where ':' was meant";
    else None."""
    char = here[:1]
    if not char or char.isascii():
        return None
    meant = _MEANT.get(char) or unicodedata.normalize("NFKC", char)
    if len(meant) != 1 or not meant.isascii():
        return None
    shown = "a space" if meant == " " else f"'{meant}'"
    return f"full-width '{char}' (U+{ord(char):04X}) where {shown} was meant: type {shown}"
