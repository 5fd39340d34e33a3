"""A time of day written after a date, as a form or an export writes one: ``20/09/2019
14:30``, ``2019/9/20 14:30:05``, typed in full-width mode too, or in Chinese after a Chinese
date (``2019年9月20日14时30分``, ``14点30分``, ``14时``). The date part is read as its own form
reads it; the time is a wall time on the calendar, as an ISO time without an offset is,
unless its UTC offset is written after it (``14:30 +08:00``, ``+0800``, ``+08``, ``Z``,
``UTC``): then it is that instant, as an ISO time with an offset is."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Final

_OFFSET: Final = r"(?:\s*(?P<offset>[zZ]|UTC|[+-]\d{2}(?::?\d{2})?))?"
_TIME_AFTER: Final = re.compile(
    r"^(?P<day>.+?)\s+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?" + _OFFSET + "$"
)
#: After a Chinese date's 日 (or 号), with or without a space: 14时30分05秒, 14点30, 14时, 14:30.
_CHINESE_TIME_AFTER: Final = re.compile(
    r"^(?P<day>.+?[日号號])\s*(?P<h>\d{1,2})\s*(?:"
    r"[时時点點]\s*(?:(?P<m>\d{1,2})\s*分?\s*(?:(?P<s>\d{1,2})\s*秒)?)?"
    r"|:(?P<mc>\d{2})(?::(?P<sc>\d{2}))?)$"
)
#: An offset of more than this is none a zone has (UTC-12 to UTC+14).
_LONGEST_OFFSET: Final = timedelta(hours=14)


def split_time(text: str) -> tuple[str, time | None] | None:
    """``text`` (in NFKC, stripped) as its date part and the time written after it (None
    when none is; aware when its offset is written); None when what follows the date is
    no time of day (25:00, 14:61, an offset of +25:00)."""
    written = unicodedata.normalize("NFKC", text).strip()
    match = _TIME_AFTER.match(written) or _CHINESE_TIME_AFTER.match(written)
    if match is None:
        return written, None
    found = match.groupdict()
    minute, second = found.get("m") or found.get("mc"), found.get("s") or found.get("sc")
    offset = found.get("offset")
    zone = None if offset is None else _zone(offset)
    if offset is not None and zone is None:
        return None
    try:
        moment = time(int(found["h"]), int(minute or 0), int(second or 0), tzinfo=zone)
    except ValueError:
        return None
    return match["day"], moment


def _zone(offset: str) -> tzinfo | None:
    """The fixed zone ``offset`` writes, None for one past ±14:00 (no zone has it)."""
    if offset in ("z", "Z", "UTC"):
        return UTC
    digits = offset[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    span = timedelta(hours=hours, minutes=minutes)
    if minutes >= 60 or span > _LONGEST_OFFSET:
        return None
    return timezone(-span if offset[0] == "-" else span)


def at_time(day: date, moment: time | None) -> date | datetime:
    """``day``, or its wall time ``moment`` when one was written."""
    return day if moment is None else datetime.combine(day, moment)
