"""Money as a letter writes it: the digits grouped in thousands the way the letter's
language writes numbers (``1,200,000.00 CNY`` in Chinese and English, ``1.200.000,00 CNY``
in German), so a reader neither miscounts the zeros of a large sum nor reads a decimal
point as a thousands separator. Only the words change: the stored amount keeps its digits.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

#: (thousands, decimal) separators by language, for the languages that write numbers
#: otherwise than English and Chinese do; every other language writes ``1,234.50``.
_SEPARATORS: Final[Mapping[str, tuple[str, str]]] = {
    **dict.fromkeys(("de", "es", "id", "it", "nl", "pt", "tr"), (".", ",")),
    **dict.fromkeys(("cs", "fi", "fr", "nb", "pl", "ru", "sv", "uk"), ("\u00a0", ",")),
}


def grouped(amount: object, language: str | None) -> str:
    """``amount`` (a stored amount's text) with its digits grouped for ``language``; text
    that is no finite number (a row edited outside complaintkit) is written as it is."""
    text = str(amount)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if not number.is_finite():
        return text
    primary = (language or "").replace("_", "-").partition("-")[0].lower()
    thousands, point = _SEPARATORS.get(primary, (",", "."))
    return format(number, ",f").translate({ord(","): thousands, ord("."): point})


def letter_money(money: Mapping[str, Any], language: str | None) -> str:
    """``{"amount": …, "currency": …}`` as a letter names it: ``1,200,000.00 CNY``."""
    return f"{grouped(money.get('amount'), language)} {money.get('currency', '')}".rstrip()
