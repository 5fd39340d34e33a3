"""SLA targets as people write them: "24h", "3 business days", "1d 4h", "PT2H".

The parsed value keeps days apart from time because the two mean different things: a
calendar day is a local wall-clock day (23 or 25 hours across DST) and a business day
ends at the close of business, whereas hours and minutes are always real elapsed time.
"""

from __future__ import annotations

import re
from datetime import timedelta

import attrs

from complaintkit.errors import InvalidInput

_HINT = (
    "write e.g. '24h', '2 hours', '30m', '3 business days', '8 weeks', '1d 4h' or ISO 8601 'PT2H'"
)
_UNITS = {
    "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
    "d": "days", "day": "days", "days": "days",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes",
    "minutes": "minutes",
    "s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds",
    "seconds": "seconds",
}  # fmt: skip
_TERM = re.compile(
    r"(\d+(?:\.\d+)?)\s*(business\s+|working\s+)?([a-z]+)(?:\s*,\s*|\s+and\s+|\s+|$)"
)
_ISO = re.compile(
    r"P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?"
)


@attrs.frozen
class Duration:
    """An SLA target: whole ``days`` plus ``time``, counted in business or calendar time.

    ``days`` are local calendar days, or business days when ``business`` is set (then
    ``time`` is zero: "3 business days" and "20 business hours" are different targets).
    """

    days: int = 0
    time: timedelta = timedelta(0)
    business: bool = False


def parse_duration(text: str) -> Duration:
    """Read a duration; "business"/"working" before a unit makes it business time."""
    if not isinstance(text, str):
        raise InvalidInput("duration", f"expected text (got {text!r}); {_HINT}")
    source = text.strip()
    if source[:1].upper() == "P":
        return _parse_iso(source, text)
    amounts = {"weeks": 0.0, "days": 0.0, "hours": 0.0, "minutes": 0.0, "seconds": 0.0}
    kinds: set[bool] = set()
    position = 0
    lowered = source.lower()
    while position < len(lowered):
        match = _TERM.match(lowered, position)
        unit = _UNITS.get(match.group(3)) if match else None
        if match is None or unit is None:
            raise InvalidInput(
                "duration", f"cannot read {text!r} at {source[position:]!r}; {_HINT}"
            )
        amounts[unit] += float(match.group(1))
        kinds.add(match.group(2) is not None)
        position = match.end()
    if not kinds:
        raise InvalidInput("duration", f"{text!r} is empty; {_HINT}")
    if len(kinds) > 1:
        raise InvalidInput("duration", f"{text!r} mixes business and calendar time; write one kind")
    return _build(text, amounts, business=kinds.pop())


def _parse_iso(source: str, text: str) -> Duration:
    match = _ISO.fullmatch(source.upper())
    if match is None or source.upper() in {"P", "PT"} or source.upper().endswith("T"):
        raise InvalidInput(
            "duration",
            f"{text!r} is not an ISO 8601 duration this library reads (weeks, days, hours, "
            f"minutes, seconds; months and years vary in length); {_HINT}",
        )
    weeks, days, hours, minutes, seconds = (float(part or 0) for part in match.groups())
    amounts = {"weeks": weeks, "days": days, "hours": hours, "minutes": minutes}
    return _build(text, {**amounts, "seconds": seconds}, business=False)


def _build(text: str, amounts: dict[str, float], *, business: bool) -> Duration:
    days = amounts["weeks"] * 7 + amounts["days"]
    if days != int(days):
        raise InvalidInput("duration", f"{text!r} has a fraction of a day; use hours instead")
    time = timedelta(hours=amounts["hours"], minutes=amounts["minutes"], seconds=amounts["seconds"])
    if business and amounts["weeks"]:
        raise InvalidInput("duration", f"{text!r}: business weeks are ambiguous; use business days")
    if business and days and time:
        raise InvalidInput(
            "duration",
            f"{text!r} mixes business days and business hours; write a single unit",
        )
    return Duration(days=int(days), time=time, business=business)
