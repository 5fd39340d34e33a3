"""What to write for a calendar date written the way a notice or a spreadsheet writes it:
``2026年10月1日`` (a State Council notice), ``2026/10/1``, ``25/12/2026``,
``25-12-2026``, ISO 8601's ``20261003`` or ``2026-W40-6``, or typed with the input method in full-width mode.

Dates are read in one spelling, ISO's ``YYYY-MM-DD``. Rather than guess, the refusal names
the date to write; ``10/01/2026`` reads as 1 October month first and 10 January day
first, so its refusal names both and the author chooses.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Final

from complaintkit.sla.year_first_dates import CHINESE, YEAR_FIRST

_YEAR_LAST: Final = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
#: ISO 8601's other spellings of a day, which ``date.fromisoformat`` would take: the basic
#: form (``20261003``, also a bare YAML number) and a week date (``2026-W40-6``).
_BASIC: Final = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")
_WEEK_DAY: Final = re.compile(r"^([0-9]{4})-?W([0-9]{2})-?([1-7])$")
#: The one spelling a policy's dates are read in.
ISO_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FORMAT: Final = "write YYYY-MM-DD"
#: A date whose year has more than four digits (20266-05-01): a slip of the finger.
_LONG_YEAR: Final = re.compile(r"^([0-9]{5,})-[0-9]{1,2}-[0-9]{1,2}$")
#: English month names, whatever the locale (``%B`` follows it).
_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def date_advice(text: str) -> str:
    """``write '…'`` with the date(s) ``text`` can mean, else the format to write."""
    written = unicodedata.normalize("NFKC", text).strip()
    if (match := CHINESE.match(written)) is not None:
        readings = _readings(*match.groups())
    elif (match := YEAR_FIRST.match(written)) is not None:
        readings = _readings(match[1], match[3], match[4])
    elif (match := _YEAR_LAST.match(written)) is not None:
        first, second, year = match.groups()
        readings = _readings(year, first, second) + _readings(year, second, first)
    elif (match := _BASIC.match(written)) is not None:
        readings = _readings(*match.groups())
    elif (match := _WEEK_DAY.match(written)) is not None:
        readings = _week_day(*match.groups())
    else:
        readings = []
    found = sorted(set(readings), key=readings.index)
    if len(found) == 1:
        return f"write {found[0]!r}"
    if found:
        return f"it reads two ways; write {found[0]!r} or {found[1]!r}"
    if (long := _LONG_YEAR.match(written)) is not None:
        return f"write a year of four digits, YYYY-MM-DD: the year {long[1]} has {len(long[1])} digits (check the year)"
    return _no_such_day(written) or FORMAT


def _no_such_day(written: str) -> str | None:
    """Why an ISO date of no real day (``2027-02-29``, ``2026-04-31``, ``2026-13-01``) is
    none, with the days or months to write; None when ``written`` is not so formed."""
    if (match := YEAR_FIRST.match(written)) is None or match[2] != "-":
        return None
    year, month = int(match[1]), int(match[3])
    if not 1 <= month <= 12:
        return "write a month from 01 to 12: YYYY-MM-DD"
    if year < 1:
        return "write a year from 0001 on: YYYY-MM-DD"
    days = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
    leap = " (no leap year)" if month == 2 and days == 28 else ""
    return f"write a day from 01 to {days}: {_MONTHS[month - 1]} {year} has {days} days{leap}"


def _readings(year: str, month: str, day: str) -> list[str]:
    try:
        return [date(int(year), int(month), int(day)).isoformat()]
    except ValueError:
        return []


def _week_day(year: str, week: str, day: str) -> list[str]:
    try:
        return [date.fromisocalendar(int(year), int(week), int(day)).isoformat()]
    except ValueError:
        return []
