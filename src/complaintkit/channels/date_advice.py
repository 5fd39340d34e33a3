"""What a CSV row's date, written in no form read without ``-o date_format``, is told.

Chinese sheets write dates year first in forms of their own (``2024年3月5日``,
``2024/3/5 14:30``): the order of a date written year first is never in doubt, so the
reason names the format that reads it, which ``dead-letters retry`` can be given. A date
column Excel exports unformatted holds the numbers Excel keeps dates as (``45356``, days
since 1899-12-30): the reason names the date one stands for. Any other date is told an
example format only: ``03/04/2026`` is never guessed to be March or April.
"""

from __future__ import annotations

import re
import shlex
from datetime import date, datetime, timedelta

#: What a date names, year first, in the order a sheet writes it.
_DIRECTIVES = ("%Y", "%m", "%d", "%H", "%M", "%S")
_DIGITS = re.compile(r"(\d+)")
#: Excel's day 0 in its 1900 date system (day 60 is its 29 February 1900, a day that
#: never was, so the days after it are counted from here).
_EXCEL_EPOCH = date(1899, 12, 30)
#: Five-digit day numbers: 1927-05-18 to 2173-10-13, the days complaints are dated in.
_EXCEL_DAY = re.compile(r"([1-9]\d{4})(?:\.\d+)?")


def date_advice(value: str) -> str:
    """What to do about ``value``, a date read neither as ISO 8601 nor with a format."""
    if (written := _year_first_format(value)) is not None:
        return f"it is written year first: read it with -o {shlex.quote(f'date_format={written}')}"
    if found := _EXCEL_DAY.fullmatch(value.strip()):
        day = _EXCEL_EPOCH + timedelta(days=int(found.group(1)))
        return (
            f"it is a number as Excel keeps a date (day {found.group(1)} is {day.isoformat()}): "
            "export the column formatted as a date (yyyy-mm-dd)"
        )
    return (
        "write it as ISO 8601 (2026-11-23, 2026-11-23T09:30) or name its format with "
        "-o date_format=%m/%d/%Y"
    )


def _year_first_format(value: str) -> str | None:
    """The ``strptime`` format reading ``value`` when it is a date written year first, its
    year in four digits, then month and day, and perhaps hours, minutes and seconds."""
    pieces = _DIGITS.split(value.strip())
    numbers = pieces[1::2]
    if len(numbers) not in (3, 5, 6) or len(numbers[0]) != 4:
        return None
    if any(len(n) > 2 for n in numbers[1:]):
        return None
    written = "".join(
        _DIRECTIVES[index // 2] if index % 2 else piece.replace("%", "%%")
        for index, piece in enumerate(pieces)
    )
    try:
        datetime.strptime(value, written)  # noqa: DTZ007 -- only whether it reads
    except ValueError:
        return None
    return written
