"""Chinese numerals as SOPs write them (三, 十五, 二十四, 一百二十, 两千五, 一万二千), and
amounts written with 万, 千 or 百 after digits (1万, 1.5万, 3千), read for hints only: what
an author wrote in words is refused with the number to write, never read as one."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Final

_DIGITS: Final = dict(zip("零一二三四五六七八九", range(10), strict=True)) | {"两": 2}
_SCALES: Final = {"十": 10, "百": 100, "千": 1000}
_WAN: Final = "万"
#: The numerals of a financial document (大写: 叁, 拾伍, 壹佰, simplified and traditional),
#: the old tens (廿 20, 卅 30) and the ideographic zero, as the plain numerals they write.
_PLAIN: Final = str.maketrans(
    dict(
        zip("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬〇", "一二二三三四五六六七八九十百千万零", strict=True)
    )
    | {"廿": "二十", "卅": "三十"}
)
#: A run of characters that may make a numeral.
NUMERAL: Final = re.compile(
    r"[零一二两三四五六七八九十百千万壹贰貳叁參肆伍陆陸柒捌玖拾佰仟萬〇廿卅]+"
)
#: ASCII digits (a point allowed) and the scale written after them: 1万, 1.5万, 3千.
_DIGITS_AND_SCALE: Final = re.compile(r"([0-9]{1,12}(?:\.[0-9]{1,12})?)([十百千万])")


def chinese_number(numeral: str) -> int | None:
    """The value of a Chinese numeral from 1 to 99,999,999; None for zero or what is no
    numeral (十十, 三四, 万). A digit after 万, 千 or 百 ending the numeral counts the next
    scale down, as an SOP abbreviates: 一万五 is 15,000, 两百五 250. 大写 reads the same."""
    numeral = numeral.translate(_PLAIN)
    high, wan, low = numeral.partition(_WAN)
    if not wan:
        return _below_wan(numeral) or None
    above = _below_wan(high)
    if len(low) == 1 and low != "零" and low in _DIGITS:
        below: int | None = _DIGITS[low] * 1000
    else:
        below = _below_wan(low)
    if not above or below is None:
        return None
    return above * 10000 + below


def _below_wan(numeral: str) -> int | None:
    """The value of a numeral below 10,000 (0 for none), a 零 standing for a skipped scale."""
    total, digit, larger = 0, None, 10000
    for char in numeral:
        if char == "零" and digit is None:
            continue
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
    if digit is not None and len(numeral) > 1 and numeral[-2] in "百千":
        return total + digit * larger // 10
    return total + (digit or 0)


def in_digits(text: str) -> str:
    """``text`` with each Chinese numeral in it written in ASCII digits (三个工作日: 3个工作日)."""
    return NUMERAL.sub(lambda found: str(chinese_number(found[0]) or found[0]), text)


def number_in_words(text: str) -> str | None:
    """The number, in ASCII digits, that ``text`` writes with Chinese numerals (两百,
    一万五) or with digits and a scale (1万, 1.5万, 3千); None when it writes none."""
    written = unicodedata.normalize("NFKC", text).strip()
    found = _DIGITS_AND_SCALE.fullmatch(written)
    if found is not None:
        scale = 10000 if found[2] == _WAN else _SCALES[found[2]]
        return format((Decimal(found[1]) * scale).normalize(), "f")
    number = chinese_number(written) if NUMERAL.fullmatch(written) else None
    return None if number is None else str(number)


def numbers_in_words(argument: object) -> str | None:
    """``argument`` (text, or a list of numbers and texts) written in ASCII digits, when
    some of it is a number written in words and the rest numbers (``[1万, 5万]``:
    ``[10000, 50000]``); else None."""
    if isinstance(argument, str):
        return number_in_words(argument)
    if not isinstance(argument, list) or not argument:
        return None
    items = [
        str(item)
        if isinstance(item, int | float) and not isinstance(item, bool)
        else number_in_words(item)
        if isinstance(item, str)
        else None
        for item in argument
    ]
    if None in items or all(not isinstance(item, str) for item in argument):
        return None
    return f"[{', '.join(str(item) for item in items)}]"
