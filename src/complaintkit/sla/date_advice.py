"""What to write for a calendar date written the way a notice or a spreadsheet writes it:
``2026年10月1日`` (a State Council notice), ``2026/10/1``, ``25/12/2026``, ISO 8601's
``20261003`` or ``2026-W40-6``, or typed with the input method in full-width mode.

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

_YEAR_LAST: Final = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
#: ISO 8601's other spellings of a day, which ``date.fromisoformat`` would take: the basic
#: form (``20261003``, also a bare YAML number) and a week date (``2026-W40-6``).
_BASIC: Final = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$")
_WEEK_DAY: Final = re.compile(r"^([0-9]{4})-?W([0-9]{2})-?([1-7])$")
#: The one spelling a policy's dates are read in.
ISO_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FORMAT: Final = "write YYYY-MM-DD"


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
    return FORMAT


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
