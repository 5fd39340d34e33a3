"""Digits of other scripts, which Python reads as numbers and a policy does not.

Python's ``\\d`` and ``int()`` take the decimal digits of every script: full-width ones
(U+FF14, what the input method types in full-width mode), Arabic-Indic (U+0664),
Devanagari (U+096A), mathematical bold (U+1D7D2). A policy's durations and hours are read
in ASCII digits only, so such a value is refused; the refusal names the value in ASCII
digits, worked out here.
"""

from __future__ import annotations

import unicodedata


def as_ascii_digits(text: str) -> str:
    """``text`` with each decimal digit of another script written as its ASCII digit."""
    return "".join(
        str(unicodedata.decimal(char)) if not char.isascii() and char.isdecimal() else char
        for char in text
    )
