"""YAML 1.1 numbers that are not what their digits say.

PyYAML reads YAML 1.1, where a plain ``012345`` is octal (5349), ``12:30`` is base 60
(750), and ``0x1F`` and ``0b101`` are hexadecimal and binary. No policy author means
those: an order number, a time of day or a postal code written unquoted would silently be
compared as another number. The reader reports each where it is written.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Final

from complaintkit.policy.as_written import shorten

#: A number as people write it: decimal digits (``_`` between them, as YAML allows), an
#: optional sign, point and exponent. The digit runs are possessive (``*+``): a long run
#: that fails to match is not split between them every way (quadratic).
_AS_WRITTEN: Final = re.compile(r"[-+]?[0-9_]*+\.?[0-9_]*+(?:[eE][-+]?[0-9]+)?\Z")


def misread_number(written: str, value: object) -> str | None:
    """Why ``value``, which YAML read from the plain scalar ``written``, is not the
    number its digits spell; None when it is (or is no number)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None  # .nan and .inf: no usable number at all, reported as such
    digits = written.replace("_", "")
    try:
        shown = repr(value)
    except ValueError:  # an integer longer than Python prints (4,300 digits)
        return f"YAML reads {shorten(written)} as a number too long to print, not as the digits written"
    if _AS_WRITTEN.match(written) and Decimal(digits) == Decimal(shown):
        return None
    return (
        f"YAML reads {shorten(written)} as the number {shorten(shown)}, not as the digits written"
    )


def quoting_hint(written: str) -> str:
    """What to write instead of the misread ``written``: the text quoted, or digits."""
    return f'quote it if it is text ("{shorten(written)}"), or write the number in decimal digits'
