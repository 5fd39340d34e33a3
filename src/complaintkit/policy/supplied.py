"""Facts a case record does not hold, gathered the same way for every reader.

The Desk, ``complaintkit explain``, policy tests and ``complaintkit check`` all decide
compensation from one set of facts: the complaint's ``attributes``, then the case's
``attributes`` (facts set by agents or policy actions), then the facts the caller supplies,
each later layer overriding the earlier. A value written ``{amount: "12.50", currency: CNY}``
is Money wherever it comes from, so a formula's ``of: loss`` finds it in all four places.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from complaintkit.errors import InvalidInput
from complaintkit.model.jsonvalues import plain as json_value
from complaintkit.model.money import Money
from complaintkit.policy.money_amount import MoneyAmount

#: Top-level names the case record itself uses; a supplied fact cannot take them.
RESERVED: Final = frozenset({"case", "complaint", "customer"})
#: Types of values that are facts as they are (``plain`` returns them unchanged): tested
#: first, by exact type, as every complaint's attributes pass through here.
AS_IS: Final = frozenset({str, int, float, bool, type(None)})


def fact_value(name: str, value: object) -> object:
    """``value`` as a fact: a ``{amount, currency}`` mapping becomes Money, inside another
    fact too (``flight: {price: {amount, currency}}``, whose ``flight.price`` is then money
    as a top-level one is, not text compared as a bare number). A NaN or an infinity is
    refused by name, as in a complaint's attributes: ordering one raises."""
    if isinstance(value, float | Decimal) and not Decimal(value).is_finite():
        raise InvalidInput(name, f"must be a finite number (got {value})")
    if type(value) in AS_IS or isinstance(value, Money):
        return value
    if isinstance(value, Mapping):
        if set(value) != {"amount", "currency"}:
            return {k: fact_value(f"{name}.{k}", v) for k, v in value.items()}
        try:
            return Money.from_json(dict(value), name)
        except InvalidInput as exc:
            raise InvalidInput(exc.field, f"not an amount of money: {exc.message}") from None
    if isinstance(value, list):
        return [fact_value(f"{name}[{i}]", v) for i, v in enumerate(value)]
    return value


def supplied_facts(
    *attributes: Mapping[str, object], facts: Mapping[str, object] | None = None
) -> dict[str, object]:
    """The attribute layers then ``facts``, merged in order (later wins), Money recognised.

    Attributes named like the record (``customer``) stay out silently — they are the
    complaint's business; a caller's ``facts`` must not use those names.
    """
    merged: dict[str, object] = {}
    for layer in attributes:
        for name, value in layer.items():
            if name not in RESERVED:
                merged[name] = (
                    value if type(value) in AS_IS else fact_value(f"attributes.{name}", value)
                )
    for name, value in (facts or {}).items():
        if name in RESERVED:
            raise InvalidInput(
                f"facts.{name}", "is taken by the case record; give the fact another name"
            )
        merged[name] = fact_value(f"facts.{name}", value)
    return merged


def stored_facts(facts: Mapping[str, object]) -> dict[str, Any]:
    """A caller's ``facts`` as a case keeps them (``set_facts``): names the record does not
    take, Money as its ``{amount, currency}``, and only JSON values every backend stores
    alike (``model.jsonvalues``: no NaN, no Decimal, text keys)."""
    if not isinstance(facts, Mapping):
        raise InvalidInput("facts", f"must map names to values (got {type(facts).__name__})")
    supplied_facts(facts=facts)
    given = {k: v.to_json() if isinstance(v, Money) else v for k, v in facts.items()}
    return json_value(given, "facts")  # type: ignore[no-any-return]


def plain(value: object) -> object:
    """A fact as conditions compare it: Money becomes its Decimal amount, which still knows
    its currency (:class:`~complaintkit.policy.money_amount.MoneyAmount`)."""
    if type(value) in AS_IS:
        return value
    if isinstance(value, Money):
        return MoneyAmount(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def attribute_facts(attributes: Mapping[str, object]) -> dict[str, object]:
    """A complaint's attributes as the top-level facts of its record, as conditions compare
    them (Money as its amount)."""
    facts = supplied_facts(attributes) if attributes else {}
    for name, value in facts.items():
        if type(value) not in AS_IS:  # plain values (most attributes) are facts as they are
            facts[name] = plain(value)
    return facts
