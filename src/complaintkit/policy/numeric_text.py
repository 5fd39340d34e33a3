"""Numbers given as text: a CSV import or a web form supplies ``distance_km: "1600"``.

A numeric comparison reads text that is exactly a decimal number (ASCII digits, an
optional sign, point and exponent, surrounding whitespace allowed) as that number, so a
passenger whose distance came in as text is owed what the number says. Anything else —
``"1,600"``, ``"1600km"``, ``"NaN"``, full-width digits — is not a number and never
compares as one.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

_DECIMAL: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
#: Longer text is no number anyone wrote in a form; reading it would only cost time.
_LONGEST: Final = 100


def number_in_text(text: str) -> Decimal | None:
    """The number ``text`` spells exactly, else None."""
    if len(text) > _LONGEST:
        return None
    stripped = text.strip(" \t\r\n")
    if _DECIMAL.match(stripped) is None:
        return None
    return Decimal(stripped)


def as_number(value: object) -> object:
    """``value``, with text that spells a number read as that number, and a float (a JSON
    number with a point: ``99.9``) as the decimal its shortest text writes, not the binary
    fraction nearest it, which is a little above or below what was written."""
    if type(value) is float:
        return Decimal(repr(value))
    if type(value) is str:
        number = number_in_text(value)
        if number is not None:
            return number
    return value
