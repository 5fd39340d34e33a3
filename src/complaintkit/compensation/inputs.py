"""A formula's Money inputs as the case supplied them (``price``, ``paid``, ``loss``…)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from complaintkit.errors import InvalidInput

if TYPE_CHECKING:
    from complaintkit.compensation.formulas import Context
    from complaintkit.model.money import Money


def supplied_money(context: Context, name: str) -> Money | None:
    """Input ``name`` as supplied, None when it was not; one supplied as no money
    (``price: 5000``) is refused, never read as absent and replaced by a default."""
    value = context.inputs.get(name)
    if value is None and name in context.not_money:
        raise InvalidInput(
            f"facts.{name}",
            f"{name} is {context.not_money[name]!r}, not an amount of money; write it with "
            f'its currency, e.g. {{"amount": "500.00", "currency": "{context.currency}"}}',
        )
    return value
