"""A day's weekday and month as English abbreviations (``Thu``, ``Dec``), whatever the locale.

``strftime``'s ``%a`` and ``%b`` follow the process locale: a server or a command started
under ``LC_TIME=de_DE`` wrote "Do 3 Dez" on the English status page and "Mär" as a key of
``calendar show --json``. These are the C locale's names, written out.
"""

from __future__ import annotations

from datetime import date
from typing import Final

_WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS: Final = (
    *("Jan", "Feb", "Mar", "Apr", "May", "Jun"),
    *("Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
)


def weekday_name(day: date) -> str:
    """``Mon`` … ``Sun``."""
    return _WEEKDAYS[day.weekday()]


def month_name(day: date) -> str:
    """``Jan`` … ``Dec``."""
    return _MONTHS[day.month - 1]
