"""Money written with its currency in a condition: ``{field: complaint.amount, ">=": "1000
JPY"}`` or ``{amount: 1000, currency: JPY}``, for a threshold in another currency than the
policy's. It compares only amounts in that currency
(:class:`~complaintkit.policy.currency_nodes.CurrencyTestNode`); written wrong (``"1000
YEN"``, ``"1,000 JPY"``), on a field that holds no money, or in two currencies across a
range's bounds, it is refused at load, where it is written."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import Final

import attrs

from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money, currency_meant, plain_number, points_grouping

#: ``<amount> <currency>``: money when the second word is a currency (or what one is
#: spoken as, RMB), or three capitals after a number (``1000 YEN``, refused by name).
_WRITTEN: Final = re.compile(r"\s*(?P<amount>\S+)\s+(?P<code>\S+)\s*")
_NUMBER_LIKE: Final = re.compile(r"[+-]?[0-9\uff10-\uff19.]")
#: The operators whose argument is read for money: the comparisons, ``between``, and ``in``
#: and ``not in``, which refuse it.
_READ: Final = frozenset({"==", "!=", "<", "<=", ">", ">=", "between", "in", "not in"})
_CODE_LIKE: Final = re.compile(r"[A-Z]{3}")
#: Where the record holds money: the complaint's amount and the supplied facts (a fact's
#: path is any but these).
_AMOUNT: Final = "complaint.amount"
_NOT_FACTS: Final = ("complaint.", "customer.", "case.", "history.")


class MoneyRefused(ValueError):
    """Money written where or as it cannot be compared: the message and a hint."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@attrs.frozen
class WrittenMoney:
    """An operator's argument with its money as numbers, and the currency it was in."""

    argument: object
    currency: str

    def render(self, label: str, operator: str) -> str:
        """The test as ``describe`` writes it: ``complaint.amount >= 1000 JPY`` (in plain
        digits, however the policy wrote them: ``"1E+3 JPY"`` is 1000 JPY)."""
        if isinstance(self.argument, list):
            low, high = (_plain(bound) for bound in self.argument)
            return f"{label} between {low} {self.currency} and {high} {self.currency}"
        return f"{label} {operator} {_plain(self.argument)} {self.currency}"


def holds_money(label: str) -> bool:
    """Whether the subject ``label`` may be money: the complaint's amount or a supplied fact."""
    return label == _AMOUNT or not label.startswith(_NOT_FACTS)


def written_money(label: str, operator: str, argument: object) -> WrittenMoney | None:
    """``argument`` with the money written in it as numbers and its one currency; None when
    it holds no money, or the subject or operator compares none (text ``"5 stars"`` stays
    text, a plugin's ``"10 km"`` its own). Raises :class:`MoneyRefused` for money that
    cannot be compared."""
    if not holds_money(label) or operator not in _READ:
        return None
    items = argument if isinstance(argument, list) else [argument]
    money = [_money(item) for item in items]
    if not any(m is not None for m in money):
        return None
    if operator in ("in", "not in"):
        raise MoneyRefused(
            f"'{operator}' lists money, which is compared by amount, not looked up",
            "compare it with == (one amount) or between (a range)",
        )
    currencies = {m.currency for m in money if m is not None}
    if None in money or len(currencies) > 1:
        raise MoneyRefused(
            f"the bounds of a range must be money in one currency (got {_shown(money)})",
            f'write both with one currency, e.g. ["10 {min(currencies)}", "100 {min(currencies)}"]',
        )
    amounts = [m.amount for m in money if m is not None]
    return WrittenMoney(amounts if isinstance(argument, list) else amounts[0], currencies.pop())


def ambiguous_threshold(
    label: str, argument: object, currencies: Collection[str]
) -> tuple[str, str] | None:
    """Why a bare number compared with the amount (or a fact that may be money) in one of
    ``currencies`` (the policy's, or those its row states) is ambiguous, and a hint: with
    no minor unit, a point before three digits (``>= 1.000`` in JPY) groups thousands where
    it is written so, and read as a decimal point the threshold was a thousandth of the
    SOP's, as an amount paid so written would be."""
    if not holds_money(label):
        return None
    items = argument if isinstance(argument, list) else [argument]
    for currency in sorted(currencies):
        found = [why for item in items if (why := points_grouping(item, currency)) is not None]
        if found:
            return "; ".join(found), "write it with no separator between its thousands"
    return None


def _money(item: object) -> Money | None:
    """``item`` as money when it is written as money, else None."""
    if isinstance(item, Mapping) and "currency" in item and set(item) <= {"amount", "currency"}:
        amount, code = item.get("amount"), item["currency"]
    elif isinstance(item, str) and (found := _WRITTEN.fullmatch(item)) is not None:
        amount, code = found["amount"], found["code"]
        if (first := currency_meant(amount)) is not None and _NUMBER_LIKE.match(code):
            raise MoneyRefused(
                f"{item!r} writes the currency before the amount",
                f"write the amount, then its currency: '{code} {first}'",
            )
        if currency_meant(code) is None and not (
            _NUMBER_LIKE.match(amount) and _CODE_LIKE.fullmatch(code)
        ):
            return None  # no currency, nor a number and a code: text ("5 stars")
    else:
        return None
    try:
        money = Money.from_json({"amount": amount, "currency": code}, "money")
    except InvalidInput as exc:
        raise MoneyRefused(
            f"{_written(item)} is no money: the {exc.field} {exc.message}",
            "write an amount and an ISO 4217 currency code, e.g. '1000 JPY'",
        ) from None
    return money


def _shown(money: list[Money | None]) -> str:
    return ", ".join("a bare number" if m is None else str(m) for m in money)


def _written(item: object) -> str:
    return repr(item) if isinstance(item, str) else f"{dict(item)!r}"  # type: ignore[call-overload]


def _plain(amount: object) -> str:
    """An amount of written money as a reason writes it: in plain digits."""
    return plain_number(amount) if isinstance(amount, Decimal) else str(amount)
