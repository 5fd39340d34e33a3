"""What a list written as one text means, for the hint that writes the list.

A Chinese SOP's table writes a range as ``100-500``, ``100至500`` or with a full-width tilde (U+FF5E), where
``between`` takes ``[100, 500]``: written back in brackets, the text is a list of
one text, refused again. A list typed in full-width brackets (``【变质, 发霉】``) is text to YAML
too, and the brackets belong to no item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final
from unicodedata import normalize

#: Two numbers and what an SOP writes between the ends of a range (the full-width tilde is ~ once NFKC'd).
_RANGE: Final = re.compile(
    r"(-?[0-9]+(?:\.[0-9]+)?)[ \t]*+(?:~|-|\u2013|\u2014|至|到)[ \t]*+(-?[0-9]+(?:\.[0-9]+)?)"
)


def range_items(path: Sequence[object], text: str) -> str | None:
    """``100, 500`` for a range written where ``between`` (the last of ``path``) goes."""
    if not path or path[-1] != "between":
        return None
    found = _RANGE.fullmatch(normalize("NFKC", text).strip())
    return None if found is None else f"{found[1]}, {found[2]}"


#: Brackets an input method types for ``[`` and ``]``, which YAML reads as text.
_BRACKETS: Final = {"\u3010": "\u3011", "\uff3b": "\uff3d", "\u3014": "\u3015"}


def unbracketed(listed: str) -> str:
    """``listed`` (a list's items as written) without full-width brackets around them all."""
    text = listed.strip()
    close = _BRACKETS.get(text[:1])
    if close is None or not text.endswith(close):
        return listed
    return text[1:-1].strip()
