"""A time of day written after a date, as a form or an export writes one: ``20/09/2019
14:30``, ``2019/9/20 14:30:05``, ``2019-09-20 2:30 PM``, typed in full-width mode too, or
in Chinese after a Chinese date (``2019年9月20日14时30分``, ``下午2点30分``, ``14时``,
``14:30``). The date part is read as its own form reads it; the time (after a space or
ISO's ``T``) is a wall time on the calendar, as an ISO time without an offset is, unless
its UTC offset is written after it (``14:30 +08:00``, ``+0800``, ``+8``, ``Z``, ``UTC``,
``GMT+8``, ``UTC+08:00``): then it is that instant, as an ISO time with an offset is. A
half of the day that names no single hour (``上午12时``: midnight or noon?; ``14:30 PM``) is
:class:`UnclearTime`, saying what to write, not a guess."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Final

_OFFSET: Final = (
    r"(?:\s*(?P<offset>[zZ]|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{1,2}(?::?\d{2})?))?"
)
#: ``AM``, ``pm``, ``p.m.`` after an English time.
_AM_PM: Final = r"(?:\s*(?P<ampm>[AaPp])\.?\s*[Mm]\.?)?"
_TIME_AFTER: Final = re.compile(
    r"^(?P<day>.+?)(?:\s+|T)(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?" + _AM_PM + _OFFSET + "$"
)
#: The halves of the day written before a Chinese hour, each with how it reads one.
_MORNING: Final = frozenset({"上午", "早上", "早晨", "凌晨"})
_NOON: Final = frozenset({"中午"})
_AFTERNOON: Final = frozenset({"下午", "午后"})
_EVENING: Final = frozenset({"晚上", "傍晚", "夜里"})
_HALVES: Final = "|".join(sorted(_MORNING | _NOON | _AFTERNOON | _EVENING))
#: After a Chinese date's 日 (or 号), with or without a space, perhaps after the half of
#: the day: 14时30分05秒, 下午2点30, 14时, 14:30; then perhaps the offset.
_CHINESE_TIME_AFTER: Final = re.compile(
    rf"^(?P<day>.+?[日号號])\s*(?P<half>{_HALVES})?\s*(?P<h>\d{{1,2}})\s*(?:"
    r"[时時点點]\s*(?:(?P<m>\d{1,2})\s*分?\s*(?:(?P<s>\d{1,2})\s*秒)?)?"
    r"|:(?P<mc>\d{2})(?::(?P<sc>\d{2}))?)" + _OFFSET + "$"
)
#: An offset of more than this is none a zone has (UTC-12 to UTC+14).
_LONGEST_OFFSET: Final = timedelta(hours=14)


class UnclearTime(ValueError):
    """A time whose half of the day names no single hour; the message says what to write."""


def split_time(text: str) -> tuple[str, time | None] | None:
    """``text`` (in NFKC, stripped) as its date part and the time written after it (None
    when none is; aware when its offset is written); None when what follows the date is
    no time of day (25:00, 14:61, an offset of +25:00). Raises :class:`UnclearTime`."""
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
    hour = int(found["h"])
    if found.get("ampm"):
        hour = _twelve_hour(hour, found["ampm"].upper() + "M", f"{found['h']}:{minute}")
    elif found.get("half"):
        hour = _chinese_half(hour, found["half"])
    try:
        moment = time(hour, int(minute or 0), int(second or 0), tzinfo=zone)
    except ValueError:
        return None
    return match["day"], moment


def _twelve_hour(hour: int, half: str, written: str) -> int:
    """``hour`` of a 12-hour clock in ``half`` (AM or PM) as a 24-hour clock's."""
    if not 1 <= hour <= 12:
        raise UnclearTime(f"{written} {half} is no 12-hour time: write {written} without {half}")
    return hour % 12 + (12 if half == "PM" else 0)


def _chinese_half(hour: int, half: str) -> int:
    """``hour`` written after ``half`` (上午, 下午…) as a 24-hour clock's."""
    if half in _MORNING and hour <= 11:
        return hour
    if half in _MORNING and hour == 12:
        raise UnclearTime(
            f"{half}12时 is midnight or noon: write 0时 for midnight or 12时 for noon"
        )
    if half in _NOON and hour in (11, 12, 13, 14):
        return hour
    if half in _NOON and hour in (1, 2):
        return hour + 12
    if half in _AFTERNOON | _EVENING and 1 <= hour <= 11:
        return hour + 12
    if half in _AFTERNOON and hour == 12:
        return hour
    if half in _EVENING and hour in (0, 12):
        raise UnclearTime(
            f"{half}{hour}点 is midnight at the day's end: write the next day's 0时 for midnight"
        )
    if half not in _MORNING and 13 <= hour <= 23:
        return hour
    raise UnclearTime(f"{half}{hour}时 is no hour of {half}: write {hour}时 without {half}")


def _zone(offset: str) -> tzinfo | None:
    """The fixed zone ``offset`` writes, None for one past ±14:00 (no zone has it)."""
    signed = offset.removeprefix("UTC").removeprefix("GMT").strip()
    if signed in ("", "z", "Z"):
        return UTC
    digits = signed[1:]
    if ":" in digits:
        hours, minutes = (int(part) for part in digits.split(":"))
    elif len(digits) > 2:  # +0800, +800
        hours, minutes = int(digits[:-2]), int(digits[-2:])
    else:  # +8, +08
        hours, minutes = int(digits), 0
    span = timedelta(hours=hours, minutes=minutes)
    if minutes >= 60 or span > _LONGEST_OFFSET:
        return None
    return timezone(-span if signed[0] == "-" else span)


def at_time(day: date, moment: time | None) -> date | datetime:
    """``day``, or its wall time ``moment`` when one was written."""
    return day if moment is None else datetime.combine(day, moment)
