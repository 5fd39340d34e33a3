"""Characters that read as an ASCII one, for keywords to match whichever was typed.

A Chinese input method's full-width mode types ASCII as U+FF01...U+FF5E, and switching it
mid-word gives a word of both widths (la, then a full-width t, then e). Word processors
and phones turn ``'`` into a curly apostrophe (U+2019) or a prime, and ``-`` into a
typographic hyphen. A policy may list ``didn't`` and a customer type it curly, or the
reverse: both read the same, so both are brought to the ASCII form before matching.
Only the characters listed here are replaced; NFKC would also rewrite forms that do not
read alike (circled digits, ligatures, Kangxi radicals). Most Chinese texts hold
full-width punctuation, so the keyword index replaces them only in a text holding one
that can matter to its keywords (:func:`triggers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

#: Each look-alike with the ASCII character it reads as.
PLAIN: Final = {
    **{chr(0xFF01 + n): chr(0x21 + n) for n in range(94)},  # full-width ASCII forms
    **dict.fromkeys("\u2018\u2019\u201b\u2032\u02bc", "'"),  # curly apostrophes, prime
    **dict.fromkeys("\u201c\u201d\u201f\u2033", '"'),  # curly double quotes, double prime
    **dict.fromkeys("\u2010\u2011\u2212\ufe63", "-"),  # hyphen, no-break hyphen, minus
}
_LOOKALIKE: Final = re.compile(f"[{''.join(PLAIN)}]")


def _plain(found: re.Match[str]) -> str:
    return PLAIN[found[0]]


def plain_lookalikes(text: str) -> str:
    """``text`` with each look-alike character as the ASCII one it reads as."""
    return _LOOKALIKE.sub(_plain, text)


def triggers(keywords: Iterable[str]) -> list[str]:
    """The look-alikes, as case-folded text holds them, that can change what ``keywords``
    (in their matched form) find: those of a letter or digit, which continue a word, and
    those of a character some keyword holds (``'`` in didn't)."""
    held = set("".join(keywords))
    return [
        char
        for char, plain in PLAIN.items()
        if char.casefold() == char and (plain.isalnum() or plain in held)
    ]
