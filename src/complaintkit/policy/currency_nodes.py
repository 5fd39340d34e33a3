"""Comparisons of an amount of money with money in one currency.

A bare number compared with ``complaint.amount`` or with a fact written as money is an
amount in the policy's currency; money written with its currency (``"1000 JPY"``,
:mod:`~complaintkit.policy.money_literals`) is in that one. No rate converts an amount in
another currency, so it cannot be compared: the test is undecided, unmet both ways (``not``
of it too), and says why — unless no rate could change the answer: every rate is
positive, so 5000 JPY is more than 0 CNY and 0 JPY less than 1000 CNY at any rate."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from complaintkit.model.money import plain_number
from complaintkit.policy.codegen import Generator
from complaintkit.policy.condition_nodes import TestNode
from complaintkit.policy.facts import MISSING, Facts, field_getter
from complaintkit.policy.operators import Between, Compare, Member, ValueTest, render_value

_CURRENCY: Final = "complaint.currency"


class CurrencyTestNode(TestNode):
    """A test of an amount held to ``currency``: true or false only for an amount in it.
    ``stated``: the currency was written beside the number, not the policy's."""

    def __init__(self, plain: TestNode, currency: str, *, stated: bool = False) -> None:
        super().__init__(
            plain.path,
            label=plain.label,
            value=plain.value,
            subject_source=plain._subject_source,
            test=plain.test,
            key=("in currency", currency, plain.key),
            rendered=plain._rendered,
        )
        self.currency, self.stated = currency, stated
        self._rate_free = _RateFree(plain.test)

    def currency_of(self, facts: Facts, amount: object) -> object:
        """The currency ``amount`` is in (MISSING: none)."""
        raise NotImplementedError

    def currency_source(self, gen: Generator, amount: str) -> str:
        """The expression for :meth:`currency_of`."""
        raise NotImplementedError

    def comparable(self, facts: Facts, amount: object) -> bool:
        """Whether ``amount`` can be compared: it is in the currency, or no rate matters."""
        return self.currency_of(facts, amount) == self.currency or self._rate_free(amount)

    def __call__(self, facts: Facts) -> bool:
        return self.comparable(facts, self.value(facts)) and super().__call__(facts)

    def refuted(self, facts: Facts) -> bool:
        """Surely false: no amount, or one that can be compared and fails the test."""
        amount = self.value(facts)
        if amount is MISSING:
            return True
        return self.comparable(facts, amount) and not super().__call__(facts)

    def undecided(self, facts: Facts) -> str | None:
        amount = self.value(facts)
        if amount is MISSING or self.comparable(facts, amount):
            return None
        found = self.currency_of(facts, amount)
        written = "with no currency" if found is MISSING else found
        whose = "" if self.stated else ", the policy's currency"
        shown = plain_number(amount) if isinstance(amount, Decimal) else render_value(amount)
        return f"{shown} {written} is not in {self.currency}{whose}"

    def explain(self, facts: Facts) -> str | None:
        why = self.undecided(facts)
        if why is None:
            return super().explain(facts)
        return f"{self.describe()} was false ({why})"

    def source(self, gen: Generator) -> str:
        return f"({self._same(gen)} and {super().source(gen)})"

    def refuted_source(self, gen: Generator) -> str:
        amount = self._subject_source(gen)
        return f"({amount} is _M or ({self._same(gen)} and not {super().source(gen)}))"

    def _same(self, gen: Generator) -> str:
        amount = self._subject_source(gen)
        found = self.currency_source(gen, amount)
        rate_free = f"{gen.const(self._rate_free)}({amount})"
        return f"({found} == {gen.const(self.currency)} or {rate_free})"


class _RateFree:
    """Whether a test of an amount in any currency has one answer at every (positive) rate:
    against numbers of the other sign, or 0 (``> 0``, ``== 0``), or for an amount of 0."""

    def __init__(self, test: ValueTest) -> None:
        numbers = _numbers(test)
        self.positive = any(n > 0 for n in numbers)
        self.negative = any(n < 0 for n in numbers)

    def __call__(self, amount: object) -> bool:
        if not isinstance(amount, Decimal | int) or isinstance(amount, bool):
            return False  # text, a float: read as the test reads it, but never as money
        return (not self.positive or amount <= 0) and (not self.negative or amount >= 0)


def _numbers(test: ValueTest) -> list[Decimal]:
    """The numbers ``test`` compares an amount with."""
    if isinstance(test, Compare):
        return [test.literal] if isinstance(test.literal, Decimal) else []
    if isinstance(test, Between):
        return [test.low, test.high]
    if isinstance(test, Member):
        listed = (v for v in test.values if isinstance(v, Decimal | int) and type(v) is not bool)
        return [Decimal(v) for v in listed]
    return []


class AmountTestNode(CurrencyTestNode):
    """A test of ``complaint.amount``, whose currency is ``complaint.currency``."""

    def __init__(self, plain: TestNode, currency: str, *, stated: bool = False) -> None:
        super().__init__(plain, currency, stated=stated)
        self._currency_field = field_getter(_CURRENCY)

    def currency_of(self, facts: Facts, amount: object) -> object:
        return self._currency_field(facts)

    def currency_source(self, gen: Generator, amount: str) -> str:
        return gen.field(_CURRENCY)


class FactAmountTestNode(CurrencyTestNode):
    """A test of a supplied fact: one written as money is a
    :class:`~complaintkit.policy.money_amount.MoneyAmount` in its currency. A plain number
    has none: compared with a bare number it is read as written, as before; with money
    written in a currency it cannot be compared.

    ``ambiguous``: why the bare number is no amount in the policy's currency (``1.000`` in
    JPY: 1 or 1000), refused at load against ``complaint.amount``; a fact is known to be
    money only when it arrives, so a money fact cannot be compared with it."""

    def __init__(
        self, plain: TestNode, currency: str, *, stated: bool = False, ambiguous: str | None = None
    ) -> None:
        super().__init__(plain, currency, stated=stated)
        self.ambiguous = ambiguous
        self.key = (self.key, ambiguous)

    def comparable(self, facts: Facts, amount: object) -> bool:
        if self.ambiguous is not None and hasattr(amount, "currency"):
            return False
        return super().comparable(facts, amount)

    def undecided(self, facts: Facts) -> str | None:
        why = super().undecided(facts)
        if why is not None and self.ambiguous is not None and self._in_currency(facts):
            return self.ambiguous
        return why

    def _in_currency(self, facts: Facts) -> bool:
        return self.currency_of(facts, self.value(facts)) == self.currency

    def _same(self, gen: Generator) -> str:
        same = super()._same(gen)
        if self.ambiguous is None:
            return same
        return f"({same} and not hasattr({self._subject_source(gen)}, 'currency'))"

    def currency_of(self, facts: Facts, amount: object) -> object:
        return getattr(amount, "currency", MISSING if self.stated else self.currency)

    def currency_source(self, gen: Generator, amount: str) -> str:
        default = "_M" if self.stated else gen.const(self.currency)
        return f"getattr({amount}, 'currency', {default})"
