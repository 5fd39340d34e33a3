"""A fact written as money, as conditions read it: its amount, which still knows its
currency.

Conditions compare a fact with a bare number (``{field: loss, ">=": 1000}``), so a fact
written ``{amount: "1000", currency: JPY}`` is its Decimal amount in the record; the
currency rides along on it, so a comparison can tell 1000 JPY from 1000 CNY
(:class:`~complaintkit.policy.currency_nodes.FactAmountTestNode`), where a plain Decimal had
dropped it and compared the yen as yuan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from complaintkit.model.money import Money


class MoneyAmount(Decimal):
    """A Decimal amount with the ``currency`` it is in; it computes and compares as the
    Decimal it is (a sum of two is a plain Decimal, in no currency)."""

    __slots__ = ("currency",)
    currency: str

    def __new__(cls, money: Money) -> MoneyAmount:
        amount = super().__new__(cls, money.amount)
        amount.currency = money.currency
        return amount

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuilt, (str(self), self.currency))

    def __copy__(self) -> MoneyAmount:
        return self

    def __deepcopy__(self, memo: object) -> MoneyAmount:
        return self


def _rebuilt(amount: str, currency: str) -> MoneyAmount:
    return MoneyAmount(Money(amount, currency))
