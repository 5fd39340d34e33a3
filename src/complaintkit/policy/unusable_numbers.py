"""Numbers a policy cannot use, told in the author's terms.

A number of thousands of digits (which Python will not build from text), an infinity and a
NaN are no amount, duration or count an SOP means: each is refused where it is written. An
infinity is what YAML makes of ``.inf`` and of a number too large for a float
(``1.0e+400``), so it is named as either, not as the ``inf`` the author never wrote.
"""

from __future__ import annotations

import math
import re
from typing import Final

from complaintkit.errors import Location, Problem
from complaintkit.policy.as_written import shorten
from complaintkit.policy.float_digits import places_in_order
from complaintkit.sla.hours import advice_at

LONG_NUMBER_HINT: Final = (
    "numbers in a policy have at most a few dozen digits; quote it if it is text"
)
#: A run of digits longer than Python builds an int from (4300 digits), in TOML's text.
LONG_DIGITS: Final = re.compile(r"[0-9_]{4000,}")


def long_numbers(text: str, file: str, numbers: list[str]) -> list[Problem]:
    """Numbers too long to build, each located by where its digits first appear."""
    return [
        Problem(
            Location(file, line, column),
            f"{shorten(digits)!r} is not a usable number",
            LONG_NUMBER_HINT,
            code="bad-value",
        )
        for digits, (line, column) in zip(numbers, places_in_order(text, numbers), strict=True)
    ]


#: How each format spells NaN, infinity and a number too large to hold, by file suffix.
_SPELT: Final = {".json": ("NaN", "Infinity", "1e400"), ".toml": ("nan", "inf", "1e400")}


def not_finite(value: float, path: str = "", suffix: str = ".yaml") -> tuple[str, str, str]:
    """``(message, hint, code)`` for an infinity or a NaN read as a policy's number at
    ``path`` of a file ending ``suffix`` (named as that format spells it): a finite number
    is the thing to write, except where a calendar's hours go."""
    nan, inf, big = _SPELT.get(suffix.lower(), (".nan", ".inf", "1.0e+400"))
    if math.isnan(value):
        said = f"NaN ({nan}, 'not a number')"
    else:
        sign = "-" if value < 0 else ""
        said = f"{sign}infinity ({sign}{inf}, or a number too large to hold, such as {sign}{big})"
    hint = advice_at(path) or "write a finite number"
    return f"{said} is not a usable number", hint, "bad-value"
