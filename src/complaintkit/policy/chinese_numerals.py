"""Chinese numerals as SOPs write them (三, 十五, 二十四, 一百二十), read for hints only:
what an author wrote in words is refused with the number to write, never read as one."""

from __future__ import annotations

import re
from typing import Final

_DIGITS: Final = dict(zip("零一二三四五六七八九", range(10), strict=True)) | {"两": 2}
_SCALES: Final = {"十": 10, "百": 100}
#: A run of characters that may make a numeral.
NUMERAL: Final = re.compile(r"[零一二两三四五六七八九十百]+")


def chinese_number(numeral: str) -> int | None:
    """The value of a Chinese numeral from 1 to 999; None for zero or what is no numeral
    (十十, 三四)."""
    total, digit, larger = 0, None, 1000
    for char in numeral:
        if char in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[char]
        elif _SCALES.get(char, larger) < larger:
            larger = _SCALES[char]
            total += (1 if digit is None else digit) * larger
            digit = None
        else:
            return None
    total += digit or 0
    return total or None
