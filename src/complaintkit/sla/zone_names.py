"""The IANA zone an author meant by a name zoneinfo does not know: ``asia/shanghai``
(names are case-sensitive on most systems), ``America/Sao Paulo`` or ``Asia/Shangai``.
Only asked once a name is refused, so reading the zone list costs nothing otherwise."""

from __future__ import annotations

from difflib import get_close_matches
from functools import cache
from zoneinfo import available_timezones


@cache
def _by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def meant_zone(text: str) -> str | None:
    """The known zone name ``text`` is closest to, or None when none is close."""
    names = _by_folded_name()
    folded = text.strip().replace(" ", "_").casefold()
    if folded in names:
        return names[folded]
    near = get_close_matches(folded, names, n=1, cutoff=0.85)
    return names[near[0]] if near else None
