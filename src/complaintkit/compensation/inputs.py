"""A formula's Money inputs as the case supplied them (``price``, ``paid``, ``loss``…),
and the error naming one nobody supplied."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from complaintkit.compensation.bounds import too_big
from complaintkit.errors import InvalidInput
from complaintkit.model.money import Money

if TYPE_CHECKING:
    from complaintkit.compensation.formula_protocol import Context
    from complaintkit.model.case import Case

#: Inputs that default to others when not given: the complaint's amount, then each other.
FALLBACKS: Final = {"price": ("amount", "paid"), "paid": ("amount", "price")}
#: Inputs holding what the customer paid: money that changed hands in the currency's whole
#: units (人民币管理条例 第三条: 元, 角, 分), so one recorded finer (a price of 12.345 CNY) is
#: read as the most that can have been paid, cut to the unit (12.34). A refund pays that
#: back and a multiple (退一赔三, 价款十倍) multiplies the same sum. Other inputs (a rate
#: per kWh of 0.4883 CNY) keep every digit.
PAID_MONEY: Final = frozenset({"amount", "paid", "price"})
#: Inputs holding money owed: a loss is paid back in the currency's units as the policy
#: rounds (333.335 CNY: 333.34), and a multiple of it (损失三倍, 损失二倍) multiplies that
#: same sum, so a decision never pays a loss beside damages that are no multiple of it.
OWED_MONEY: Final = frozenset({"loss"})


def case_amount(case: Case) -> Money | None:
    """What the case is about in money: the sum of its complaints' amounts (a complaint
    added to the case later is paid for too), None when none gives one. Amounts in two
    currencies have no sum without a rate, so that is refused naming both."""
    amounts = [c.amount for c in case.complaints if c.amount is not None]
    if not amounts:
        return None
    first = amounts[0]
    other = next((a for a in amounts if a.currency != first.currency), None)
    if other is not None:
        raise InvalidInput(
            "complaint.amount",
            f"case {case.id} holds complaints of {first.shown()} and of {other.shown()}, and "
            "no rate adds them; decide this compensation by hand, or give the amount as a "
            "fact in one currency",
        )
    return sum(amounts[1:], first)


def supplied_money(context: Context, name: str) -> Money | None:
    """Input ``name`` as supplied (what was paid in whole units, ``PAID_MONEY``; what is
    owed as paid, ``OWED_MONEY``), None when it was not; one supplied as no money (``price: 5000``) is refused, never read as absent
    and replaced by a default."""
    value = context.inputs.get(name)
    if value is not None:
        if value.currency != context.currency:  # no rate converts it: never compared as is
            field, what = _source(context, name, value)
            raise InvalidInput(
                field,
                f"{what} is {value.shown()}, but the policy pays in {context.currency} and "
                f"no rate converts it; give {name} in {context.currency}, or decide this "
                "compensation by hand",
            )
        if name in OWED_MONEY:  # unless rounding carries it past 15 digits, refused later
            rounded = value if too_big(value) else value.rounded(context.rounding)
            return value if too_big(rounded) else rounded
        return value.truncated() if name in PAID_MONEY else value
    # price and paid default to the amount and to each other: one of those given as no
    # money is why this one is missing
    for given in (name, *FALLBACKS.get(name, ())):
        if given in context.not_money:
            raise InvalidInput(
                f"facts.{given}",
                f"{given} is {context.not_money[given]!r}, not an amount of money; write it "
                f'with its currency, e.g. {{"amount": "500.00", "currency": "{context.currency}"}}',
            )
    return None


def _source(context: Context, name: str, value: Money) -> tuple[str, str]:
    """Where input ``name`` came from: a fact (its own, or the one it defaults to) or the
    complaint's amount; as a field and in words."""
    for given in (name, *FALLBACKS.get(name, ())):
        if given in context.given and context.inputs.get(given) is value:
            return f"facts.{given}", given
    return "complaint.amount", "the complaint's amount"


class MissingInput(InvalidInput):
    """A formula needs a Money input nobody supplied; ``name`` is the fact to supply."""

    def __init__(self, name: str, supplied: Iterable[str], what: str = "a Money amount") -> None:
        self.name = name
        super().__init__(
            f"facts.{name}",
            f"the compensation formula needs the input {name!r} ({what}); "
            f"supplied: {', '.join(sorted(supplied)) or 'none'}",
        )
