"""Instants: timezone-aware datetimes only, read from ISO 8601 text with an offset."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta

from complaintkit.errors import InvalidInput

#: The instants every store reads into a Python ``datetime`` whatever the zone (a day inside
#: its years 1 to 9999): a stored value outside them (edited so) is no instant to use.
FIRST = datetime(1, 1, 2, tzinfo=UTC)
#: An offset's minutes as written, at the end of the text (``+08:60``, ``-0599``, seconds
#: after them as ``isoformat`` writes an offset that has some).
_OFFSET_MINUTES = re.compile(r"[+-][0-9]{2}:?([0-9]{2})(?::?[0-9]{2}(?:\.[0-9]+)?)?\Z")
LAST = datetime(9999, 12, 30, tzinfo=UTC)


def aware(value: datetime, field: str) -> datetime:
    """Refuse naive datetimes: every instant in complaintkit carries its zone."""
    if not isinstance(value, datetime):
        raise InvalidInput(field, f"must be a datetime (got {type(value).__name__})")
    offset = value.utcoffset()
    if offset is None:
        raise InvalidInput(field, f"must be timezone-aware (got naive {value.isoformat()})")
    if offset.microseconds:
        raise _fraction_of_a_second(value.isoformat(), field)
    return value


def _fraction_of_a_second(written: str, field: str) -> InvalidInput:
    """No zone's offset has one, ISO 8601 cannot write one and PostgreSQL cannot store one:
    the embedded stores kept such an instant that PostgreSQL then failed on."""
    return InvalidInput(
        field, f"{written!r} has a UTC offset with a fraction of a second; write e.g. '+08:00'"
    )


def parse_instant(value: object, field: str) -> datetime:
    """Read an ISO 8601 instant with an offset, as JSON carries it."""
    if type(value) is str:  # ``+08:00``, as ``isoformat`` writes nearly every instant:
        try:  # whole minutes below 60, nothing the checks below refuse (``from_iso``)
            parsed = _fromisoformat(value)
        except ValueError:
            pass
        else:
            # (the text ends in a sign, two digits, a colon and the tens of minutes, "0"-"5")
            if (
                parsed.tzinfo is not None
                and value[-6] in "+-"
                and value[-3] == ":"
                and value[-2] < "6"
            ):
                return parsed
    if isinstance(value, datetime):
        return aware(value, field)
    if not isinstance(value, str):
        raise InvalidInput(field, f"must be an ISO 8601 timestamp string (got {value!r})")
    try:
        parsed = from_iso(value)
    except ValueError:
        raise InvalidInput(field, _unread(value)) from None
    offset = parsed.utcoffset()
    if offset is None:
        raise InvalidInput(
            field, f"{value!r} has no UTC offset; write e.g. '2026-11-23T09:30:00+08:00'"
        )
    if offset.microseconds:
        raise _fraction_of_a_second(value, field)
    return parsed


_fromisoformat = datetime.fromisoformat
#: Second 60 after hours and minutes (``23:59:60``), and hour 24 (``24:00``): ISO 8601 that
#: no ``datetime`` holds. Fixed width around each: linear.
_LEAP_SECOND = re.compile(r"(?<=[0-9]{2}:[0-9]{2}):60(?![0-9])")
_HOUR_24 = re.compile(r"[Tt ]24:00(?![0-9])")


def _unread(value: str) -> str:
    """Why ``value`` is no instant: a leap second and 24:00 are ISO 8601, and said as such."""
    if _LEAP_SECOND.search(value):
        return (
            f"{value!r} is a leap second (second 60), which no instant here can hold; "
            "write the second before it (23:59:59) or the one after it"
        )
    if _HOUR_24.search(value):
        return f"{value!r} writes midnight as 24:00; write 00:00 of the next day"
    return f"{value!r} is not an ISO 8601 timestamp"


def from_iso(value: str) -> datetime:
    """``datetime.fromisoformat``, with an offset's minutes below 60: it carries 60 or more
    into the hour, and ``+08:60`` would read as ``+09:00``. ``ValueError`` otherwise."""
    parsed = datetime.fromisoformat(value)
    if value[-6:-5] in ("+", "-") and value[-3:-2] == ":" and value[-2:-1] < "6":
        return parsed  # ``+08:00``, as nearly every instant ends: no search for it
    if (offset := _OFFSET_MINUTES.search(value)) and int(offset.group(1)) > 59:
        raise ValueError(f"the minutes of the offset of {value!r} are not below 60")
    return parsed


_MICROSECOND = timedelta(microseconds=1)


def seconds_between(start: datetime, end: datetime) -> float:
    """Seconds from ``start`` to ``end`` rounded to the millisecond, halves away from zero,
    from the exact microseconds: how every store's report facts measure a duration.

    The float steps are the ones SQL takes (``round(µs / 1000.0) / 1000.0``, whose ``round``
    adds ±0.5 and truncates), so SQLite's facts and this give the very same float.
    """
    millis = (end - start) // _MICROSECOND / 1000
    return math.trunc(millis + (-0.5 if millis < 0 else 0.5)) / 1000


#: ``iso_text``'s memo: id → (the instant, its text). Holding the instant keeps its id from
#: being reused while the entry lives.
_TEXTS: dict[int, tuple[datetime, str]] = {}
_TEXTS_KEPT = 1024
#: The parts ``isoformat`` puts together: two-digit numbers, three-digit ones (a fraction
#: of a second is two: its milliseconds and the microseconds after them), the text of a date
#: by its ordinal (a few hundred days are in use at a time) and of a UTC offset.
_TWO_DIGITS = tuple(f"{n:02d}" for n in range(60))
_THREE_DIGITS = tuple(f"{n:03d}" for n in range(1000))
_DAYS: dict[int, str] = {}
_DAYS_KEPT = 4096
_OFFSETS: dict[timedelta | None, str] = {}
_OFFSETS_KEPT = 4096


def iso_text(moment: datetime) -> str:
    """``moment.isoformat()``, remembered for that very object.

    A tick writes the same instants again and again — its ``now`` on every event, a clock's
    due instant in a reason and in the next deadline — and the text costs about a
    microsecond to build each time. Remembered by identity, not equality: equal instants at
    other offsets have other texts.
    """
    known = _TEXTS.get(id(moment))
    if known is not None and known[0] is moment:
        return known[1]
    if len(_TEXTS) >= _TEXTS_KEPT:
        _TEXTS.clear()
    text = isoformat(moment)
    _TEXTS[id(moment)] = (moment, text)
    return text


def isoformat(moment: datetime) -> str:
    """``moment.isoformat()``, put together from remembered parts.

    ``isoformat`` formats every number through C's printf each time: a third more
    instructions than this, and about 5% of an intake's (fifteen instants written a
    complaint: its events, clocks, case row and reasons). The date and the offset are taken from texts
    ``isoformat`` itself wrote, so the text is the same to the letter (hashes cover it)."""
    if type(moment) is not datetime:  # a subclass may write itself otherwise
        return moment.isoformat()
    # UTC, the zone of nearly every stored instant, without a call into it for its offset
    zone = "+00:00" if moment.tzinfo is UTC else _OFFSETS.get(moment.utcoffset())
    if zone is None:
        return _with_new_offset(moment)
    ordinal = moment.toordinal()
    day = _DAYS.get(ordinal)
    if day is None:
        if len(_DAYS) >= _DAYS_KEPT:
            _DAYS.clear()
        day = _DAYS[ordinal] = moment.date().isoformat()
    two, micros = _TWO_DIGITS, moment.microsecond
    if micros:
        millis, micros = divmod(micros, 1000)
        three = _THREE_DIGITS
        return (
            f"{day}T{two[moment.hour]}:{two[moment.minute]}:{two[moment.second]}"
            f".{three[millis]}{three[micros]}{zone}"
        )
    return f"{day}T{two[moment.hour]}:{two[moment.minute]}:{two[moment.second]}{zone}"


def _with_new_offset(moment: datetime) -> str:
    """``moment.isoformat()``, its offset's text remembered for ``isoformat``."""
    if len(_OFFSETS) >= _OFFSETS_KEPT:  # (offsets of seconds and microseconds exist)
        _OFFSETS.clear()
    whole = moment.isoformat()
    _OFFSETS[moment.utcoffset()] = whole[len(moment.replace(tzinfo=None).isoformat()) :]
    return whole
