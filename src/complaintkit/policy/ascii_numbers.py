"""A condition's number typed in full-width digits (``>=: 500``, U+FF10 to U+FF19).

With the input method in full-width mode an SOP's numbers come out in full-width digits,
which YAML reads as text and a policy does not read as a number. The operator's hint
writes the argument as it is meant, the digits in ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

#: A number as a policy reads one, once its digits are ASCII.
_NUMBER: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def in_ascii_digits(argument: object) -> str | None:
    """``argument`` (a number, or a list of numbers) written in ASCII digits, when some of
    it is a number only once full-width digits are read as ASCII; else None."""
    items = argument if isinstance(argument, list) else [argument]
    written = [_ascii(item) for item in items]
    if None in written or all(isinstance(item, int | float) for item in items):
        return None
    listed = ", ".join(str(item) for item in written)
    return f"[{listed}]" if isinstance(argument, list) else listed


def _ascii(item: object) -> str | None:
    if isinstance(item, int | float) and not isinstance(item, bool):
        return str(item)
    if not isinstance(item, str):
        return None
    folded = unicodedata.normalize("NFKC", item).strip()
    return folded if folded != item.strip() and _NUMBER.fullmatch(folded) else None
