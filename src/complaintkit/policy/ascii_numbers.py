"""A condition's number typed in full-width digits (``>=: 500``, U+FF10 to U+FF19).

With the input method in full-width mode an SOP's numbers come out in full-width digits,
which YAML reads as text and a policy does not read as a number. The operator's hint
writes the argument as it is meant, the digits in ASCII. ``==`` and ``in`` take text as
well, so there such a number would be compared as text, equal to no number: it is refused
with the same hint (:func:`full_width_equality`).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Final

from complaintkit.policy.as_written import as_written, as_yaml

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


def full_width_equality(operator: str, field: str, argument: object) -> tuple[str, str] | None:
    """``(message, hint)`` when an equality's argument (``==`` or ``in`` given U+FF13 for 3) holds
    a number typed in full-width digits, which the condition would compare as text."""
    items = argument if isinstance(argument, list) else [argument]
    folded = [_ascii(item) if isinstance(item, str) else None for item in items]
    typed = next((item for item, ascii in zip(items, folded, strict=True) if ascii), None)
    if typed is None:
        return None
    meant = [
        item if ascii is None else Decimal(ascii) for item, ascii in zip(items, folded, strict=True)
    ]
    written = as_yaml(meant if isinstance(argument, list) else meant[0])
    return (
        f"{operator!r} compares {field} with {as_written(typed)}, typed in full-width "
        "digits: that is text, which no number equals",
        f"write '{operator}': {written}, in ASCII digits (full-width ones are text)",
    )


def _ascii(item: object) -> str | None:
    if isinstance(item, int | float) and not isinstance(item, bool):
        return str(item)
    if not isinstance(item, str):
        return None
    folded = unicodedata.normalize("NFKC", item).strip()
    return folded if folded != item.strip() and _NUMBER.fullmatch(folded) else None
