"""A time of day written after a date, as a form or an export writes one: ``20/09/2019
14:30``, ``2019/9/20 14:30:05``, typed in full-width mode too. The date part is read as
its own form reads it; the time is a wall time on the calendar, as an ISO time without an
offset is."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from typing import Final

_TIME_AFTER: Final = re.compile(r"^(.+?)\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def split_time(text: str) -> tuple[str, time | None] | None:
    """``text`` (in NFKC, stripped) as its date part and the time written after it (None
    when none is); None when what follows the date is no time of day (25:00, 14:61)."""
    written = unicodedata.normalize("NFKC", text).strip()
    match = _TIME_AFTER.match(written)
    if match is None:
        return written, None
    try:
        return match[1], time(int(match[2]), int(match[3]), int(match[4] or 0))
    except ValueError:
        return None


def at_time(day: date, moment: time | None) -> date | datetime:
    """``day``, or its wall time ``moment`` when one was written."""
    return day if moment is None else datetime.combine(day, moment)
