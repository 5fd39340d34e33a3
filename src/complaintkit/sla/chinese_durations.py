"""What to write for a duration a Chinese SOP spells in a way the reader does not take.

SOPs say 24小时内 ("within 24 hours"), 三个工作日 in Chinese numerals, or 48小時 in
traditional characters. Reading them would widen the duration grammar with guesses; the
refusal instead names the form that is read, so the author fixes it in one go.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

#: Traditional characters of the units, with the simplified ones the reader takes.
_SIMPLIFIED: Final = str.maketrans({"時": "时", "個": "个", "鐘": "钟", "週": "周", "曆": "历"})
#: "Within" after a duration: the target already means within it.
_WITHIN: Final = re.compile(r"\s*(?:以内|之内|内)\s*$")
_DIGITS: Final = dict(zip("零一二三四五六七八九", range(10), strict=True)) | {"两": 2}
_NUMERAL: Final = re.compile(r"[零一二两三四五六七八九十百]+")


def advice(text: str, reads: Callable[[str], bool]) -> str | None:
    """``write '…'`` with the form of ``text`` that ``reads`` takes, or None."""
    meant = _WITHIN.sub("", text.translate(_SIMPLIFIED))
    meant = _NUMERAL.sub(lambda m: str(_number(m[0])) if _number(m[0]) else m[0], meant)
    if meant == text or not reads(meant):
        return None
    return f"write {meant!r}"


def _number(numeral: str) -> int | None:
    """The value of a Chinese numeral up to 999 (三, 十五, 二十四, 一百二十); None if it is
    none (十十)."""
    total, digit = 0, None
    for char in numeral:
        if char in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[char]
        else:
            scale = 10 if char == "十" else 100
            total += (1 if digit is None else digit) * scale
            digit = None
    total += digit or 0
    return total or None
