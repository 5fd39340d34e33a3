"""What a CSV row's date, written in no form read without ``-o date_format``, is told.

Chinese sheets write dates year first in forms of their own (``2024年3月5日``,
``2024/3/5 14:30``): the order of a date written year first is never in doubt, so the
reason names the format that reads it, which ``dead-letters retry`` can be given. A date
column Excel exports unformatted holds the numbers Excel keeps dates as (``45356``, days
since 1899-12-30): the reason names the date one stands for. Any other date is told an
example format only: ``03/04/2026`` is never guessed to be March or April.

A format is told only for numbers and the separators dates are written with: one holding a
zone (``CST``, ``GMT+8``, ``+8``) or a half of the day (``PM``, ``下午``) as text would read
the time in the sheet's zone, or the 8 of ``GMT+8`` as seconds — hours from when the
complaint came. Such a date is told to write its UTC offset.
"""

from __future__ import annotations

import re
import shlex
from datetime import date, datetime, timedelta

#: What a date names, year first, in the order a sheet writes it.
_DIRECTIVES = ("%Y", "%m", "%d", "%H", "%M", "%S")
_DIGITS = re.compile(r"(\d+)")
#: What may stand between a year-first date's numbers: between year, month and day; after
#: the day (before the hour, or at the end); between the hour, minutes and seconds; after
#: the time. No sign after the day: ``09:00 -5`` is an offset.
_DATE_GAP = re.compile(r"\s*[-/.年月]?\s*")
_DAY_END = re.compile(r"[日号]?[\sT]*")
_TIME_GAP = re.compile(r"\s*[:\uff1a时時点點分]\s*")
_TIME_END = re.compile(r"[分秒]?\s*")
#: Excel's day 0 in its 1900 date system (day 60 is its 29 February 1900, a day that
#: never was, so the days after it are counted from here).
_EXCEL_EPOCH = date(1899, 12, 30)
#: Five-digit day numbers: 1927-05-18 to 2173-10-13, the days complaints are dated in.
_EXCEL_DAY = re.compile(r"([1-9]\d{4})(?:\.\d+)?")


#: Longer than any date and time written out (``Wednesday, 23 November 2026 09:30:00
#: +08:00`` is 45 characters): a longer value is no date in any form, and is searched for
#: none, as the searches for a form cost the square of its length (a cell of 100,000
#: characters took over a minute, for each row holding one).
_LONGEST_DATE = 100


def date_advice(value: str) -> str:
    """What to do about ``value``, a date read neither as ISO 8601 nor with a format."""
    if len(value.strip()) > _LONGEST_DATE:
        return _ISO_OR_FORMAT
    if (written := _year_first_format(value)) is not None:
        return f"it is written year first: read it with -o {shlex.quote(f'date_format={written}')}"
    if _YEAR_FIRST.match(value.strip()) and _MORE.search(value.strip()):
        return (
            "it names more than a date and time (a zone, a.m. or p.m.), which a format "
            "would read as text, the time as the sheet's zone's: write it as ISO 8601 with "
            "its UTC offset (2026-11-23T09:30+08:00), or read an offset written +0800 or "
            "+08:00 with %z in -o date_format"
        )
    if found := _EXCEL_DAY.fullmatch(value.strip()):
        day = _EXCEL_EPOCH + timedelta(days=int(found.group(1)))
        return (
            f"it is a number as Excel keeps a date (day {found.group(1)} is {day.isoformat()}): "
            "export the column formatted as a date (yyyy-mm-dd)"
        )
    return _ISO_OR_FORMAT


_ISO_OR_FORMAT = (
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
    if any(len(n) > 2 for n in numbers[1:]) or not _only_separators(pieces[::2]):
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


#: A date written year first: four digits, a separator, then the month.
_YEAR_FIRST = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}")
#: What a date holds beyond its numbers and separators: a word, or a sign after the day.
_MORE = re.compile(r"[^\d\s\-/.:\uff1a年月日号时時点點分秒T]|[T\s].*[-+]")


def _only_separators(gaps: list[str]) -> bool:
    """Whether ``gaps``, the text around a year-first date's numbers, is separators alone."""
    times = gaps[4:-1]
    expected = [re.compile(""), _DATE_GAP, _DATE_GAP, _DAY_END, *[_TIME_GAP] * len(times)]
    if len(gaps) > len(expected):
        expected.append(_TIME_END)
    return all(form.fullmatch(gap) for form, gap in zip(expected, gaps, strict=True))
