"""The zone an author meant by a name zoneinfo does not know, or should not be taken at
its word: ``asia/shanghai`` (names are case-sensitive on most systems), ``Asia/Shangai``,
``Asia/Beijing`` or 北京时间 (no such zone: China's is ``Asia/Shanghai``), and
``Etc/GMT+8``, which zoneinfo knows as eight hours *behind* UTC (POSIX signs). Only asked
once a name is refused or looks like that, so reading the zone list costs nothing otherwise.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from functools import cache
from typing import Final
from zoneinfo import available_timezones

#: Names people give a zone that the zone database spells after another city.
_CITIES: Final = {
    "asia/beijing": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",
    "北京": "Asia/Shanghai",
    "北京时间": "Asia/Shanghai",
    "北京時間": "Asia/Shanghai",
    "中国标准时间": "Asia/Shanghai",
    "香港": "Asia/Hong_Kong",
    "香港时间": "Asia/Hong_Kong",
}
_POSIX_SIGNED: Final = re.compile(r"^etc/gmt([+-])(\d{1,2})$")


@cache
def _by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def meant_zone(text: str) -> str | None:
    """The known zone name ``text`` is closest to, or None when none is close."""
    names = _by_folded_name()
    folded = text.strip().replace(" ", "_").casefold()
    if folded in _CITIES:
        return _CITIES[folded]
    if folded in names:
        return names[folded]
    near = get_close_matches(folded, names, n=1, cutoff=0.85)
    return names[near[0]] if near else None


def posix_offset(text: str) -> str | None:
    """The offset an ``Etc/GMT±N`` name really is (``Etc/GMT+8`` is ``UTC-08:00``), or
    None for any other name."""
    match = _POSIX_SIGNED.match(text.strip().casefold())
    if match is None:
        return None
    sign, hours = match.groups()
    return f"UTC{'-' if sign == '+' else '+'}{int(hours):02d}:00"
