"""What to write for a number an author wrote with its unit or in words.

An SOP says 48小时内, 三起, 5个: a policy takes the bare number, its unit being in the key's
name (``window_hours``). The hint gives the number when the unit written is the key's own,
and never converts one unit into another (两天 under ``quiet_hours`` is not 2).
"""

from __future__ import annotations

import re
from typing import Final

from complaintkit.policy.chinese_numerals import chinese_number

#: A number, then the rest (its unit, as written), in text stripped of its spaces: taken
#: whole (possessive), so a long run of spaces in the rest is read once, not from each space.
_LEADING: Final = re.compile(r"(\d++(?:\.\d++)?+|[零一二两三四五六七八九十]++)((?s:.*+))")

#: the words a unit is written with after the number, by the unit a key's name gives
_SAME_UNIT: Final = {
    "hours": {"", "h", "hr", "hrs", "hour", "hours", "小时", "小时内", "个小时", "个小时内"},
    "days": {"", "d", "day", "days", "天", "天内", "日", "日内"},
    "": {"", "个", "件", "起", "单", "次", "例", "条"},
}


#: Longer spans written where a key takes days: a week is 7 of them; a month or a year is
#: no fixed number, so the hint says how many days cover it rather than converting.
_WEEKS: Final = {"w", "week", "weeks", "周", "个周", "星期", "个星期", "礼拜", "个礼拜"}
_LONGER: Final = {
    **dict.fromkeys(("month", "months", "月", "个月", "个自然月"), ("month", 30, 28, 31)),
    **dict.fromkeys(("year", "years", "年"), ("year", 365, 365, 366)),
}


def number_hint(key: str, written: str) -> str:
    """The hint for ``written`` where ``key`` takes a number."""
    unit = next((u for u in ("hours", "days") if key == u or key.endswith(f"_{u}")), "")
    found = _LEADING.fullmatch(written.strip())
    if found is not None and "\n" not in (rest := found.group(2).strip()):  # one line's unit
        numeral, said = found.group(1), rest.lower()
        number = numeral if numeral[0].isdigit() else chinese_number(numeral)
        if number is not None and said in _SAME_UNIT[unit]:
            return f"write {key}: {number}, a bare number" + (f" of {unit}" if unit else "")
        if number and unit == "days" and str(number).isdigit() and int(number) > 0:
            if said in _WEEKS:
                return f"write {key}: {int(number) * 7}, a bare number of days"
            if said in _LONGER:
                return _longer_hint(key, int(number), *_LONGER[said])
    return f"write {key}: followed by a bare number" + (f" of {unit}" if unit else "")


def _longer_hint(key: str, count: int, span: str, usual: int, least: int, most: int) -> str:
    """A month (a year) is not a fixed number of days: the days to write, and the range."""
    spans = f"{count} {span}s" if count > 1 else f"a {span}"
    return (
        f"{spans} is not a fixed number of days (a {span} has {least} to {most}): write "
        f"{key}: {usual * count}, or {key}: {most * count} to be sure to cover {spans}"
    )
