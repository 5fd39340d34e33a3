"""What a compensation formula is evaluated against (:class:`Context`), what it answers
(:class:`Amount`: the money with its working) and what it is (:class:`Formula`): the
contract between the built-in formulas, a plugin's and the remedies that evaluate them."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Protocol

import attrs

from complaintkit.model.money import Money


@attrs.frozen
class Context:
    """What a formula is evaluated against: the currency, named inputs and the rounding."""

    currency: str
    inputs: Mapping[str, Money]
    rounding: str = "half_up"
    #: numeric facts by dotted name (``days_late``, ``flight.delay_days``) for factors
    numbers: Mapping[str, Decimal] = attrs.field(factory=dict)
    #: facts supplied under an input's name that are not Money (``price: 5000``)
    not_money: Mapping[str, object] = attrs.field(factory=dict)
    #: names of the inputs supplied as facts (the others are the complaint's amount)
    given: frozenset[str] = frozenset()


@attrs.frozen
class Amount:
    """A computed amount with its working: ``steps`` read top to bottom, innermost first."""

    value: Money
    steps: tuple[str, ...] = ()
    floor: Money | None = None
    cap: Money | None = None


class Formula(Protocol):
    """A compiled formula. ``constant`` is its value when it needs no inputs (else None)."""

    @property
    def constant(self) -> Money | None: ...

    def evaluate(self, context: Context) -> Amount: ...

    def describe(self) -> str: ...
