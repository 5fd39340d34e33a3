"""A condition's number typed in full-width digits (``>=: 500``, U+FF10 to U+FF19), or its
true, false or null in full-width letters.

With the input method in full-width mode an SOP's numbers come out in full-width digits,
which YAML reads as text and a policy does not read as a number. The operator's hint
writes the argument as it is meant, the digits in ASCII. ``==`` and ``in`` take text as
well, so there such a number would be compared as text, equal to no number: it is refused
with the same hint (:func:`full_width_equality`), and so is a ``true``, ``false`` or
``null`` typed so (U+FF54 U+FF52 U+FF55 U+FF45), text that no true or false equals.
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


#: What YAML reads these words as (in any case), once their letters are ASCII.
_WORDS: Final[dict[str, bool | None]] = {"true": True, "false": False, "null": None}


def full_width_equality(
    operator: str, field: str, argument: object, *, never_true: bool = False
) -> tuple[str, str] | None:
    """``(message, hint)`` when an equality's argument (``==`` or ``in`` given U+FF13 for 3) holds
    a number typed in full-width digits, or true, false or null in full-width letters, which
    the condition would compare as text. ``never_true``: ``field`` is never true or false."""
    items = argument if isinstance(argument, list) else [argument]
    meant = [_meant(item) for item in items]
    typed = next((item for item, one in zip(items, meant, strict=True) if one is not item), None)
    if typed is None:
        return None
    written = as_yaml(meant if isinstance(argument, list) else meant[0])
    said = f"{operator!r} compares {field} with {as_written(typed)}, typed in full-width"
    if None in meant:
        return (
            f"{said} letters: that is text, not null",
            f"{operator!r} takes no null: ask whether {field} is missing with exists: false",
        )
    if not any(isinstance(one, bool) for one in meant):
        return (
            f"{said} digits: that is text, which no number equals",
            f"write '{operator}': {written}, in ASCII digits (full-width ones are text)",
        )
    hint = f"write '{operator}': {written}, in ASCII letters (full-width ones are text)"
    if never_true:
        hint = (
            f"{field} is never true or false: if the text is meant, write it in ASCII letters "
            f"and in quotes, '{operator}': \"{_ascii_text(typed)}\""
        )
    return f"{said} letters: that is text, which no true or false equals", hint


def _meant(item: object) -> object:
    """What ``item`` means once its full-width digits or letters are ASCII: a number,
    true, false or None for one typed so; else ``item`` itself."""
    if not isinstance(item, str) or item.isascii():
        return item
    folded = _ascii_text(item)
    if folded.lower() in _WORDS:
        return _WORDS[folded.lower()]
    ascii = _ascii(item)
    return item if ascii is None else Decimal(ascii)


def _ascii_text(item: str) -> str:
    return unicodedata.normalize("NFKC", item).strip()


def _ascii(item: object) -> str | None:
    if isinstance(item, int | float) and not isinstance(item, bool):
        return str(item)
    if not isinstance(item, str):
        return None
    folded = _ascii_text(item)
    return folded if folded != item.strip() and _NUMBER.fullmatch(folded) else None
