"""Letters beyond ASCII that continue an English word: é in résumé, ç in ça, ễ in Nguyễn.

A keyword matched as a word (``late``, ``sum``) must not touch another letter of the same
word, and in Latin, Greek and Cyrillic text that letter may carry an accent: ``sum`` is no
word in ``résumé``. Chinese characters, signs such as the multiplication sign (U+00D7) and spaces still end a word, so
``refund`` is found in 退款refund. The keyword index scans UTF-8 bytes, so these look at
the bytes next to a hit: a letter from U+00C0 to U+04FF is two bytes, led by C3 to D3, and
Vietnamese letters (U+1E00 to U+1EFF) are three, led by E1 B8 to E1 BB.
"""

from __future__ import annotations

from typing import Final

_TWO_BYTE_LEADS: Final = range(0xC3, 0xD4)
_VIETNAMESE_SECOND: Final = range(0xB8, 0xBC)


def continues_word(char: str) -> bool:
    """Whether ``char``, beyond ASCII, is a Latin, Greek or Cyrillic letter."""
    return ("\u00c0" <= char <= "\u04ff" or "\u1e00" <= char <= "\u1eff") and char.isalpha()


def letter_before(data: bytes, start: int) -> bool:
    """Whether the UTF-8 ``data`` holds such a letter right before ``start``."""
    if start >= 2 and data[start - 2] in _TWO_BYTE_LEADS:
        return continues_word(data[start - 2 : start].decode())
    return start >= 3 and data[start - 3] == 0xE1 and data[start - 2] in _VIETNAMESE_SECOND


def letter_after(data: bytes, end: int) -> bool:
    """Whether the UTF-8 ``data`` holds such a letter from ``end`` on."""
    lead = data[end] if end < len(data) else 0
    if lead in _TWO_BYTE_LEADS:
        return continues_word(data[end : end + 2].decode())
    return lead == 0xE1 and data[end + 1] in _VIETNAMESE_SECOND
