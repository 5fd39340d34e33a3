"""The timezone a calendar or a shown time is read in, as an author writes it: a zone name
(``Asia/Shanghai``), ``UTC``, or a fixed offset (``UTC+08:00``) that some place keeps.
Kept apart from the calendar so reading a zone is one concept with its own advice.
"""

from __future__ import annotations

import re
from datetime import UTC, timedelta, timezone, tzinfo
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from complaintkit.errors import InvalidInput
from complaintkit.sla.zone_names import meant_zone, posix_offset

_OFFSET_HINT: Final = "write one from UTC-12:00 to UTC+14:00, e.g. 'UTC+08:00', or 'Asia/Shanghai'"
#: The offsets places keep: Baker Island's UTC-12:00 to Kiribati's UTC+14:00.
_WEST, _EAST = timedelta(hours=-12), timedelta(hours=14)
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$")


def parse_timezone(value: str | tzinfo, field: str = "timezone") -> tzinfo:
    """A zoneinfo name (``Asia/Shanghai``), ``UTC``, a fixed offset (``UTC+08:00``) or a tzinfo."""
    if isinstance(value, tzinfo):
        return value
    if not isinstance(value, str):
        raise InvalidInput(field, f"expected a timezone name (got {value!r})")
    text = value.strip()
    if text.upper() in {"UTC", "Z", "GMT"}:
        return UTC
    offset = _OFFSET.match(text.upper())
    if offset:
        sign, hours, minutes = offset.groups()
        if int(minutes or 0) > 59:
            raise InvalidInput(field, f"{value!r} has minutes past 59; {_OFFSET_HINT}")
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        delta = -delta if sign == "-" else delta
        if not _WEST <= delta <= _EAST:
            raise InvalidInput(field, f"{value!r} is an offset no place keeps; {_OFFSET_HINT}")
        return timezone(delta)
    reversed_sign = posix_offset(text)
    if reversed_sign is not None:  # zoneinfo would take it, with the sign reversed
        raise InvalidInput(
            field,
            f"{value!r} is {reversed_sign}, its sign being POSIX's; write {reversed_sign!r} "
            "if you mean that, or the region's zone name",
        )
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        meant = meant_zone(text)
        advice = (
            f"did you mean {meant!r}?"
            if meant is not None
            else "use an IANA name such as 'Asia/Shanghai' or an offset such as 'UTC+08:00'"
        )
        raise InvalidInput(field, f"{value!r} is not a known timezone; {advice}") from None
