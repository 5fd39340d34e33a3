"""A child policy that changes ``compensation.currency`` over amounts it inherits.

A bare amount (``amount: 250``) is in the currency of the policy it is read in, so a child
that says ``currency: GBP`` over an EUR parent silently turns 250 EUR into 250 GBP. The
loader reports it at the child's ``currency:`` and names the first inherited amount.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from complaintkit.errors import Location, Problem
from complaintkit.model.money import MINOR_UNITS
from complaintkit.policy.located import Located
from complaintkit.policy.merge import merge
from complaintkit.policy.source import join

#: Keys whose plain number is an amount of money in the policy's currency (``default``: what
#: a formula reads for an input nobody supplied).
MONEY_KEYS: Final = frozenset({"amount", "fixed", "floor", "cap", "limit", "above", "default"})


def currency_changes(
    parent: Mapping[str, Any], parent_tree: Located, own: Mapping[str, Any], own_tree: Located
) -> list[Problem]:
    """The problem when ``own`` changes the parent's currency over its bare amounts."""
    old, new = policy_currency(parent), policy_currency(own)
    if old is None or new is None or old == new:
        return []
    merged, tree = merge(parent, parent_tree, own, own_tree)
    where = own_tree.children["compensation"].children["currency"].location
    inherited = [
        (path, spot)
        for path, spot in bare_amounts(
            merged.get("compensation"), tree.children["compensation"], "compensation"
        )
        if spot.file != where.file
    ]
    if not inherited:
        return []
    path, first = inherited[0]
    return [
        Problem(
            attrs.evolve(where, path="compensation.currency"),
            f"currency {new} replaces the inherited {old}, but {len(inherited)} inherited "
            f"amount(s) are bare numbers meant in {old} (first: {path} at "
            f"{first.file}:{first.line}:{first.column})",
            f"restate those amounts in this file, write them as {{amount: ..., currency: {old}}}"
            f" in the parent, or keep currency: {old}",
            code="currency-change",
        )
    ]


def policy_currency(data: Mapping[str, Any]) -> str | None:
    """``compensation.currency`` as written: the currency of the policy's bare amounts."""
    section = data.get("compensation")
    currency = section.get("currency") if isinstance(section, Mapping) else None
    return currency if isinstance(currency, str) else None


def amount_currency(data: Mapping[str, Any]) -> str | None:
    """The currency a bare number compared with ``complaint.amount`` is in, in every
    section's conditions: the policy's, when it names one money knows (an unknown one is
    the schema's error, and compares nothing)."""
    currency = policy_currency(data)
    return currency if currency in MINOR_UNITS else None


def bare_amounts(node: object, tree: Located, path: str) -> Iterator[tuple[str, Location]]:
    """Every plain-number amount below ``node`` with its path and location."""
    if isinstance(node, Mapping):
        if "currency" in node and set(node) <= {"amount", "currency"}:
            return  # money written with its currency is not bare
        for key, value in node.items():
            child = tree.children.get(key, tree)
            here = join(path, key)
            if key in MONEY_KEYS and _is_bare_amount(value):
                yield here, child.location
            else:
                yield from bare_amounts(value, child, here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from bare_amounts(value, tree.children.get(i, tree), join(path, i))


def _is_bare_amount(value: object) -> bool:
    """A number other than 0, which is nothing in every currency (an inherited
    ``default: 0`` needs no restating)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        return False
    try:
        return not Decimal(value).is_zero()
    except ArithmeticError:
        return False
