"""What to write for a number an author wrote with its unit or in words.

An SOP says 48小时内, 三起, 5个: a policy takes the bare number, its unit being in the key's
name (``window_hours``). The hint gives the number when the unit written is the key's own,
and never converts one unit into another (两天 under ``quiet_hours`` is not 2).
"""

from __future__ import annotations

import re
from typing import Final

from complaintkit.policy.chinese_numerals import chinese_number

_LEADING: Final = re.compile(r"\s*(\d+(?:\.\d+)?|[零一二两三四五六七八九十]+)\s*(.*?)\s*")

#: the words a unit is written with after the number, by the unit a key's name gives
_SAME_UNIT: Final = {
    "hours": {"", "h", "hr", "hrs", "hour", "hours", "小时", "小时内", "个小时", "个小时内"},
    "days": {"", "d", "day", "days", "天", "天内", "日", "日内"},
    "": {"", "个", "件", "起", "单", "次", "例", "条"},
}


def number_hint(key: str, written: str) -> str:
    """The hint for ``written`` where ``key`` takes a number."""
    unit = next((u for u in ("hours", "days") if key.endswith(f"_{u}")), "")
    found = _LEADING.fullmatch(written)
    if found is not None and found.group(2).lower() in _SAME_UNIT[unit]:
        numeral = found.group(1)
        number = numeral if numeral[0].isdigit() else chinese_number(numeral)
        if number is not None:
            return f"write {key}: {number}, a bare number" + (f" of {unit}" if unit else "")
    return f"write {key}: followed by a bare number" + (f" of {unit}" if unit else "")
