"""A formula's Money inputs as the case supplied them (``price``, ``paid``, ``loss``…),
and the error naming one nobody supplied."""

from __future__ import annotations

from collections.abc import Iterable
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


class MissingInput(InvalidInput):
    """A formula needs a Money input nobody supplied; ``name`` is the fact to supply."""

    def __init__(self, name: str, supplied: Iterable[str], what: str = "a Money amount") -> None:
        self.name = name
        super().__init__(
            f"facts.{name}",
            f"the compensation formula needs the input {name!r} ({what}); "
            f"supplied: {', '.join(sorted(supplied)) or 'none'}",
        )
