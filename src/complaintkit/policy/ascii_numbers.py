"""A condition's number typed in full-width digits (``>=: 500``, U+FF10 to U+FF19) or with
a Chinese document's punctuation (``1。5``, or U+FF0C between thousands), or its
true, false or null in full-width letters.

With the input method in full-width mode an SOP's numbers come out in full-width digits,
with 。 for the point and a full-width comma between thousands, which YAML reads as text and a policy does
not read as a number. The operator's hint writes the argument as it is meant, in ASCII.
``==`` and ``in`` take text as well, so there such a number would be compared as text,
equal to no number: it is refused with the same hint (:func:`full_width_equality`), and
so is a ``true``, ``false`` or ``null`` typed so (U+FF54 U+FF52 U+FF55 U+FF45), text that
no true or false equals.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Final

from complaintkit.policy.as_written import as_written, as_yaml
from complaintkit.policy.keyword_lists import FULL_WIDTH_SEPARATORS

#: A number as a policy reads one once its digits are ASCII, its point '.' (a thousands
#: separator allowed, to be left out).
_NUMBER: Final = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})++|[0-9]++)(?:\.[0-9]++)?")
_SEPARATOR: Final = re.compile("|".join(FULL_WIDTH_SEPARATORS))
#: The ideographic full stop, which a Chinese document writes for a decimal point.
_FULL_STOP: Final = "\u3002"
_FULL_WIDTH_DIGITS: Final = frozenset(map(chr, range(0xFF10, 0xFF1A)))


def in_ascii_digits(operator: str, argument: object) -> str | None:
    """The hint writing ``argument`` (a number, or a list of numbers) in ASCII, when some
    of it is a number only once read so; else None."""
    items = argument if isinstance(argument, list) else [argument]
    separates = _separates(argument)
    if separates and (parts := _joined(items[0])):
        return (
            f"write '{operator}': [{', '.join(parts)}], each item after an ASCII comma and a "
            "space (to YAML a full-width comma is part of an item)"
        )
    written = [_ascii(item, separates) for item in items]
    if None in written or all(isinstance(item, int | float) for item in items):
        return None
    listed = ", ".join(str(item) for item in written)
    form = f"[{listed}]" if isinstance(argument, list) else listed
    return f"write '{operator}': {form}, {_how(items)}"


#: What YAML reads these words as (in any case), once their letters are ASCII.
_WORDS: Final[dict[str, bool | None]] = {"true": True, "false": False, "null": None}


def full_width_equality(
    operator: str, field: str, argument: object, *, never_true: bool = False
) -> tuple[str, str] | None:
    """``(message, hint)`` when an equality's argument (``==`` or ``in`` given U+FF13 for 3) holds
    a number typed in full-width digits or Chinese punctuation, or true, false or null in
    full-width letters, which the condition would compare as text. ``never_true``:
    ``field`` is never true or false."""
    items = argument if isinstance(argument, list) else [argument]
    listed = _separates(argument)
    meant = [_meant(item, listed) for item in items]
    typed = next((item for item, one in zip(items, meant, strict=True) if one is not item), None)
    if typed is None:
        return None
    written = as_yaml(meant if isinstance(argument, list) else meant[0])
    said = f"{operator!r} compares {field} with {as_written(typed)}"
    if None in meant:
        return (
            f"{said}, typed in full-width letters: that is text, not null",
            f"{operator!r} takes no null: ask whether {field} is missing with exists: false",
        )
    if not any(isinstance(one, bool) for one in meant):
        numbers = [item for item, one in zip(items, meant, strict=True) if one is not item]
        return (
            f"{said}, {_typed(numbers)}: that is text, which no number equals",
            f"write '{operator}': {written}, {_how(numbers)}",
        )
    hint = f"write '{operator}': {written}, in ASCII letters (full-width ones are text)"
    if never_true:
        hint = (
            f"{field} is never true or false: if the text is meant, write it in ASCII letters "
            f"and in quotes, '{operator}': \"{_ascii_text(str(typed))}\""
        )
    return f"{said}, typed in full-width letters: that is text, which no true or false equals", hint


def _meant(item: object, listed: bool = False) -> object:
    """What ``item`` means once its full-width digits or letters or its Chinese
    punctuation are ASCII: a number, true, false or None for one written so; else
    ``item`` itself. ``listed``: ``item`` is the item of a list of one (``_ascii``)."""
    if not isinstance(item, str):
        return item
    folded = _ascii_text(item)
    if not item.isascii() and folded.lower() in _WORDS:
        return _WORDS[folded.lower()]
    ascii = _ascii(item, listed)
    return item if ascii is None else Decimal(ascii)


def _separates(argument: object) -> bool:
    """Whether a full-width comma (U+FF0C) in ``argument`` separates items: it is a list
    of one item (100, U+FF0C, 200 in brackets); in a list whose items ASCII commas separate
    (1, U+FF0C, 000 beside 2, U+FF0C, 000) it separates thousands, as outside a list."""
    return isinstance(argument, list) and len(argument) == 1


def _joined(item: object) -> list[str]:
    """The items a list's item joins with a Chinese input method's comma (100, U+FF0C,
    200; or U+3001 between full-width digits), in ASCII; empty for an item that joins none."""
    if not isinstance(item, str) or not any(mark in item for mark in FULL_WIDTH_SEPARATORS):
        return []
    return [_ascii_text(part) for part in _SEPARATOR.split(item) if part.strip()]


def _ascii_text(item: str) -> str:
    return unicodedata.normalize("NFKC", item).strip()


def _ascii(item: object, listed: bool = False) -> str | None:
    """``item`` as the ASCII number it is meant to be, or None. ``listed``: ``item`` is the
    item of a list of one, where a full-width comma separates items (100, U+FF0C, 200 is
    100 and 200, as ``keyword_lists`` tells), not thousands (``_separates``)."""
    if isinstance(item, int | float) and not isinstance(item, bool):
        return str(item)
    if not isinstance(item, str) or item.isascii():
        return None  # text in ASCII is as meant: '3' in quotes, a code '1,234'
    if listed and any(mark in item for mark in FULL_WIDTH_SEPARATORS):
        return None
    folded = _ascii_text(item).replace(_FULL_STOP, ".")
    if _NUMBER.fullmatch(folded) is None:
        return None
    return folded.replace(",", "")


def _typed(items: list[object]) -> str:
    """How the numbers ``items`` were written that YAML read them as text."""
    written = "".join(str(item) for item in items)
    said = ["typed in full-width digits"] if _FULL_WIDTH_DIGITS.intersection(written) else []
    folded = unicodedata.normalize("NFKC", written)
    said += ["written with 。 for the point"] if _FULL_STOP in folded else []
    said += ["written with a thousands separator"] if "," in folded else []
    return " and ".join(said)


def _how(items: list[object]) -> str:
    """How to write the numbers ``items`` that they are numbers."""
    if _typed(items) == "typed in full-width digits":
        return "in ASCII digits (full-width ones are text)"
    return (
        "in ASCII digits, with '.' for the point and no thousands separator (as written it is text)"
    )
