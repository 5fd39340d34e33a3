"""A formula's floor and cap as paid, and the policy error when no amount fits between them.

Money is paid in the currency's minor units, so a bound written finer than that (a floor
of ``{percent: 50, of: {fixed: 0.01}}`` CNY, 0.005) is taken toward the inside: a floor up
(0.01), a cap down (0.009 to 0.00). Two bounds that need no inputs can then leave nothing
to pay even when the floor is written below the cap; the decision would pay the cap, below
the floor, so the policy is refused when it loads instead.
"""

from __future__ import annotations

from decimal import Decimal, DecimalException
from typing import TYPE_CHECKING

from complaintkit.model.money import Money

if TYPE_CHECKING:
    from complaintkit.compensation.formulas import Formula, FormulaCompiler


def paid_bound(value: Money, name: str) -> Money:
    """``value`` in the currency's units, rounded toward the inside so the bound holds: a
    floor of 0.005 CNY pays at least 0.01, a cap of 50.005 at most 50.00."""
    return value.raised() if name == "floor" else value.truncated()


def check_room(floor: Formula, cap: Formula, path: str, compiler: FormulaCompiler) -> None:
    """Report at ``path`` a floor and cap (both needing no inputs) with no payable amount
    between them, naming the rule being compiled and both bounds as written and as paid."""
    low, high = floor.constant, cap.constant
    if not isinstance(low, Money) or not isinstance(high, Money):
        return  # bounds read from the case are only known when deciding
    if low.currency != high.currency:
        return  # a bound in another currency is refused where it is written
    try:
        paid_low, paid_high = paid_bound(low, "floor"), paid_bound(high, "cap")
    except DecimalException:  # too many digits to round (1e30): compared as written
        paid_low, paid_high = low, high
    if paid_low <= paid_high:
        return
    step = Decimal(1).scaleb(-low.minor_units)
    owner = f"{compiler.rule}: " if compiler.rule else ""
    compiler.error(
        path,
        f"{owner}the floor {_as_paid(low, paid_low, 'at least')} is above the cap "
        f"{_as_paid(high, paid_high, 'at most')}, so no amount can be paid",
        f"raise the cap or lower the floor ({low.currency} is paid in steps of {step})",
        "cap-below-floor",
    )


def _as_paid(written: Money, paid: Money, how: str) -> str:
    if written.amount == paid.amount:
        return written.shown()
    return f"{written} (paid as {how} {paid.shown()})"
