"""The money a stored case's compensation names, checked as it is read.

An entry's amounts are text in the stored row; letters, the status page, caps and reports
add them up as Decimals. Text edited outside complaintkit to what no amount is (``abc``,
``NaN``, ``1e999999999``) would raise there, or be summed digit by digit for ever, so the
case read refuses it first, naming the field (the storage reports a damaged record).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money

#: Digits before and places after the point no stored amount comes near (inputs have at
#: most 15 and 8; a total adds some, an unrounded bound keeps its places): past them the
#: amount was edited, and summing or writing it out would take for ever.
_MOST_DIGITS = 40
#: Money fields of a stored decision, and of each of its remedies (``already``: what it
#: took off for earlier offers, which offering it adds up again).
_DECISION_MONEY = ("total", "weighed_total")
_REMEDY_MONEY = ("amount", "floor", "cap", "reduced_by", "already")


def check_stored_money(entries: object) -> None:
    """Raise ``InvalidInput`` naming the first amount of ``entries`` that is no sum of
    money: not a finite, non-negative number of bounded size with its currency."""
    if not entries:  # none, or emptied outside complaintkit (""): read as no compensation
        return
    if not isinstance(entries, list):
        raise InvalidInput("compensation", "must be a list of entries")
    for i, entry in enumerate(entries):
        decision = entry.get("decision") if isinstance(entry, Mapping) else None
        if not isinstance(decision, Mapping):
            continue
        where = f"compensation[{i}].decision"
        for name in _DECISION_MONEY:
            _money(decision.get(name), f"{where}.{name}")
        remedies = decision.get("remedies")
        for j, remedy in enumerate(remedies if isinstance(remedies, list) else []):
            for name in _REMEDY_MONEY if isinstance(remedy, Mapping) else ():
                _money(remedy.get(name), f"{where}.remedies[{j}].{name}")
        # the money a decision worked from (``paid``, which refunds are held to): a fact
        # may have been below zero, so only what is no amount at all is refused
        inputs = decision.get("inputs")
        for name, value in inputs.items() if isinstance(inputs, Mapping) else ():
            _money(value, f"{where}.inputs.{name}", signed=True)


def _money(value: Any, field: str, *, signed: bool = False) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping):
        raise InvalidInput(field, "must be {amount, currency}")
    try:
        money = Money(value.get("amount"), value.get("currency", ""))
    except (ValueError, TypeError) as exc:
        said = exc.message if isinstance(exc, InvalidInput) else "is no sum of money"
        raise InvalidInput(field, said) from None
    if money.amount < 0 and not signed:
        raise InvalidInput(field, "must not be negative")
    exponent = money.amount.as_tuple().exponent
    if money.amount.adjusted() >= _MOST_DIGITS or int(exponent) < -_MOST_DIGITS:
        raise InvalidInput(field, f"has more than {_MOST_DIGITS} digits before or after the point")
