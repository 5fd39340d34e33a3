"""What to write for a number an author wrote with its unit or in words.

An SOP says 48小时内, 三起, 5个: a policy takes the bare number, its unit being in the key's
name (``window_hours``). The hint gives the number when the unit written is the key's own,
and never converts one unit into another (两天 under ``quiet_hours`` is not 2).
"""

from __future__ import annotations

import re
from typing import Final

_DIGITS: Final = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}
_LEADING: Final = re.compile(r"\s*(\d+(?:\.\d+)?|[零一二两三四五六七八九十]+)\s*(.*?)\s*")

#: the words a unit is written with after the number, by the unit a key's name gives
_SAME_UNIT: Final = {
    "hours": {"", "h", "hr", "hrs", "hour", "hours", "小时", "小时内", "个小时", "个小时内"},
    "days": {"", "d", "day", "days", "天", "天内", "日", "日内"},
    "": {"", "个", "件", "起", "单", "次", "例", "条"},
}


def _chinese(numeral: str) -> int | None:
    """一 … 九十九, as a number; None for what this does not read."""
    if "十" not in numeral:
        return _DIGITS.get(numeral) if len(numeral) == 1 else None
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    high = _DIGITS.get(tens, 0) if tens else 1
    return high * 10 + (_DIGITS.get(ones, 0) if ones else 0)


def number_hint(key: str, written: str) -> str:
    """The hint for ``written`` where ``key`` takes a number."""
    unit = next((u for u in ("hours", "days") if key.endswith(f"_{u}")), "")
    found = _LEADING.fullmatch(written)
    if found is not None and found.group(2).lower() in _SAME_UNIT[unit]:
        numeral = found.group(1)
        number = numeral if numeral[0].isdigit() else _chinese(numeral)
        if number is not None:
            return f"write {key}: {number}, a bare number" + (f" of {unit}" if unit else "")
    return f"write {key}: followed by a bare number" + (f" of {unit}" if unit else "")
