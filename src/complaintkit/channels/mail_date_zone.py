"""Whether a mail Date's zone names one offset, as the standard library reads it.

The standard library reads the zone with ``int()`` and no check of its form: ``+0860``
becomes ``+0900`` (60 minutes carried into the hour), ``+08`` eight *minutes*, ``0800``
(no sign), ``+8_00`` and ``+٠٨٠٠`` (Arabic-Indic digits) ``+0800``. RFC 5322 writes a zone
as a sign and four digits, the last two a minute of the hour; anything else is refused
rather than read as an instant the sender may not have meant.

Of the zone names it knows (RFC 5322's obsolete ones), ``CST`` is US Central (-0600) to
the RFC but China Standard Time (+0800) to the ``date`` command of a server in Shanghai,
whose scripts write it into mail: 14 hours apart, enough to breach a deadline or lose a
day. ``CDT`` is likewise China's or Central, ``AST``/``ADT`` Atlantic or Arabia. A Date
naming its zone only so names no one instant and is refused — unless the channel's
``zone`` option says what the name means where the mail comes from (``-o zone.CST=+0800``,
``zone_names``); an offset written with one in a comment (``+0800 (CST)``) is read by its
offset.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta, timezone

from complaintkit.errors import ConfigError

#: Zone names read two ways: what each may mean.
AMBIGUOUS = {
    "CST": "US Central (-0600) or China Standard Time (+0800)",
    "CDT": "US Central daylight (-0500) or China daylight time (+0900)",
    "AST": "Atlantic (-0400) or Arabia Standard Time (+0300)",
    "ADT": "Atlantic daylight (-0300) or Arabia daylight time (+0400)",
}
_OFFSET = re.compile(r"[+-][0-9][0-9][0-5][0-9]", re.ASCII)
_DAYS = frozenset({"mon", "tue", "wed", "thu", "fri", "sat", "sun"})


def zone_names(given: object) -> dict[str, timezone]:
    """The ``zone`` option (``{"CST": "+0800"}``) as the offset each ambiguous name means;
    a name that is not ambiguous is read as RFC 5322 says and may not be redefined."""
    if not isinstance(given, Mapping):
        raise ConfigError("the zone option names a zone: -o zone.CST=+0800")
    meant: dict[str, timezone] = {}
    for name, offset in given.items():
        if str(name).upper() not in AMBIGUOUS:
            raise ConfigError(
                f"zone {name!r} is not ambiguous; -o zone.NAME=OFFSET names one of "
                f"{', '.join(AMBIGUOUS)}"
            )
        if not isinstance(offset, str) or not _OFFSET.fullmatch(offset):
            raise ConfigError(
                f"zone.{name}={offset!r} is no offset: write a sign, two digits of hours and "
                "two of minutes below 60 (+0800, -0600)"
            )
        minutes = int(offset[1:3]) * 60 + int(offset[3:])
        meant[str(name).upper()] = timezone(
            timedelta(minutes=-minutes if offset[0] == "-" else minutes)
        )
    return meant


def named_zone(date: str, meant: Mapping[str, timezone]) -> timezone | None:
    """The offset ``meant`` gives the ambiguous zone name ``date`` is written in, if any."""
    return meant.get(_zone_as_read(date).upper())


def zone_problem(date: str) -> str | None:
    """Why the zone of ``date`` (a Date as written, which the standard library read with a
    zone) names no one offset; ``None`` when it names one."""
    zone = _zone_as_read(date)
    if zone.upper() in AMBIGUOUS:
        return (
            f"names its zone {zone!r}, which is ambiguous: {AMBIGUOUS[zone.upper()]}; "
            "it must be written as a numeric offset (+0800), or the channel told what it "
            f"means (-o zone.{zone.upper()}=+0800)"
        )
    if zone[:1].isalpha() or _OFFSET.fullmatch(zone):
        return None
    return (
        f"has the zone {zone!r}, which is no offset: RFC 5322 writes a sign, two digits of "
        "hours and two of minutes below 60 (+0800, -0530)"
    )


def unread_zone(date: str) -> str:
    """Why ``date``, which the standard library read with no zone, names no instant: it has
    none, or one written in a form RFC 5322 does not write (``GMT+0800``, ``+08:00``)."""
    zone = _zone_as_read(date)
    if not zone:
        return "has no time zone, so it names no instant"
    return (
        f"names its zone {zone!r}, which is no zone RFC 5322 writes: write it as a sign, "
        "two digits of hours and two of minutes (+0800, -0530)"
    )


def _zone_as_read(date: str) -> str:
    """The token the standard library takes for the zone (``email._parseaddr``'s order:
    a day name dropped, a zone glued to the time split off, a year and time swapped)."""
    data = date.split()
    if data and (data[0].endswith(",") or data[0].lower() in _DAYS):
        del data[0]
    elif data:
        data[0] = data[0][data[0].rfind(",") + 1 :]
    if len(data) == 3 and len(parts := data[0].split("-")) == 3:  # RFC 850
        data = parts + data[1:]
    if len(data) == 4:
        glued = data[3]
        at = glued.find("+")
        at = glued.find("-") if at == -1 else at
        data[3:] = [glued[:at], glued[at:]] if at > 0 else [glued, ""]
    if len(data) < 5:
        return ""
    year, zone = data[2], data[4]
    if ":" in year[1:]:
        year = data[3]
    return year if year and not year[0].isdigit() else zone
