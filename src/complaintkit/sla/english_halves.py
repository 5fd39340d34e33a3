"""What to write for a half an English SOP says: "half a day", "a day and a half", "half
a business day", "an hour and a half", "two and a half weeks". As with 半天 and 一天半
(:mod:`complaintkit.sla.chinese_durations`), the grammar takes no fractions of a unit: the
refusal tells the same time in the unit below, and half a day, which an SOP may mean as
half a calendar day or half a working day, both ways.
"""

from __future__ import annotations

import re
from typing import Final

_COUNTS: Final = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_COUNT: Final = r"(\d{1,4}|an?|one|two|three|four|five)"
_UNIT: Final = r"(hour|(?:business |working )?day|week|month|year)s?"
#: half a day, a half day, half-day; N and a half days; N days and a half.
_HALF_OF: Final = re.compile(rf"(?:an?\s++)?half(?:\s++an?\s++|-|\s++){_UNIT}", re.IGNORECASE)
_AND_A_HALF: Final = (
    re.compile(rf"{_COUNT}\s++and\s++a\s++half\s++{_UNIT}", re.IGNORECASE),
    re.compile(rf"{_COUNT}\s++{_UNIT}\s++and\s++a\s++half", re.IGNORECASE),
)
#: Each unit's half in the unit below it: (units below in one, the unit below).
_BELOW: Final = {
    "hour": (60, "minutes"),
    "day": (24, "hours"),
    "business day": (8, "business hours"),
    "week": (168, "hours"),
    "year": (12, "months"),
}
_EIGHT_HOURS: Final = "(business hours: a business day taken as eight)"


def half_advice(meant: str) -> str | None:
    """``write '…'`` for a half of a unit, or None when ``meant`` says none."""
    if (half := _HALF_OF.fullmatch(meant)) is not None:
        count, unit = 0, half[1]
    elif (half := _AND_A_HALF[0].fullmatch(meant) or _AND_A_HALF[1].fullmatch(meant)) is None:
        return None
    else:
        count, unit = _COUNTS.get(half[1].casefold()) or int(half[1]), half[2]
    unit = re.sub(r"working", "business", unit.casefold())
    if unit == "month":
        months = f"{count} month{'s' * (count > 1)} " if count else ""
        return f"write '{months}15 days' (a month has 28 to 31 days: its half is said in days)"
    if unit == "day" and count == 0:
        return (
            "it reads two ways; write '12 hours' (half a calendar day) or '4 business hours' "
            "(half a working day of eight hours)"
        )
    size, below = _BELOW[unit]
    told = f"write '{count * size + size // 2} {below}'"
    return f"{told} {_EIGHT_HOURS}" if unit == "business day" else told
