"""Comparisons of an amount of money with money in one currency.

A bare number compared with ``complaint.amount`` or with a fact written as money is an
amount in the policy's currency; money written with its currency (``"1000 JPY"``,
:mod:`~complaintkit.policy.money_literals`) is in that one. No rate converts an amount in
another currency, so it cannot be compared: the test is undecided, unmet both ways (``not``
of it too), and says why."""

from __future__ import annotations

from typing import Final

from complaintkit.policy.codegen import Generator
from complaintkit.policy.condition_nodes import TestNode
from complaintkit.policy.facts import MISSING, Facts, field_getter
from complaintkit.policy.operators import render_value

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

    def currency_of(self, facts: Facts, amount: object) -> object:
        """The currency ``amount`` is in (MISSING: none)."""
        raise NotImplementedError

    def currency_source(self, gen: Generator, amount: str) -> str:
        """The expression for :meth:`currency_of`."""
        raise NotImplementedError

    def __call__(self, facts: Facts) -> bool:
        amount = self.value(facts)
        return self.currency_of(facts, amount) == self.currency and super().__call__(facts)

    def refuted(self, facts: Facts) -> bool:
        """Surely false: no amount, or one in the currency that fails the test."""
        amount = self.value(facts)
        if amount is MISSING:
            return True
        return self.currency_of(facts, amount) == self.currency and not super().__call__(facts)

    def undecided(self, facts: Facts) -> str | None:
        amount = self.value(facts)
        found = MISSING if amount is MISSING else self.currency_of(facts, amount)
        if amount is MISSING or found == self.currency:
            return None
        written = "with no currency" if found is MISSING else found
        whose = "" if self.stated else ", the policy's currency"
        return f"{render_value(amount)} {written} is not in {self.currency}{whose}"

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
        found = self.currency_source(gen, self._subject_source(gen))
        return f"({found} == {gen.const(self.currency)})"


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
    written in a currency it cannot be compared."""

    def currency_of(self, facts: Facts, amount: object) -> object:
        return getattr(amount, "currency", MISSING if self.stated else self.currency)

    def currency_source(self, gen: Generator, amount: str) -> str:
        default = "_M" if self.stated else gen.const(self.currency)
        return f"getattr({amount}, 'currency', {default})"
