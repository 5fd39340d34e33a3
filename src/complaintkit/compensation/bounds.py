"""What a formula that needs no inputs can be found wrong with when the policy loads.

Money is paid in the currency's minor units, so a bound written finer than that (a floor
of ``{percent: 50, of: {fixed: 0.01}}`` CNY, 0.005) is taken toward the inside: a floor up
(0.01), a cap down (0.009 to 0.00). Two bounds that need no inputs can then leave nothing
to pay even when the floor is written below the cap, and a formula of amounts each within
bounds can come to more than money holds (``{multiple: 1e20, of: {fixed: 1e10}}``). Every
decision would pay below the floor, or fail, so the policy is refused when it loads.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from complaintkit.errors import InvalidInput
from complaintkit.model.money import AMOUNT_BOUNDS, MAX_WHOLE_DIGITS, Money, check_size

if TYPE_CHECKING:
    from complaintkit.compensation.formula_protocol import Formula
    from complaintkit.compensation.formulas import FormulaCompiler


def paid_bound(value: Money, name: str) -> Money:
    """``value`` in the currency's units, rounded toward the inside so the bound holds: a
    floor of 0.005 CNY pays at least 0.01, a cap of 50.005 at most 50.00."""
    if too_big(value):  # no amount paid reaches it, or one that does is refused (its places)
        return value
    return value.raised() if name == "floor" else value.truncated()


def within_digits(formula: str, raw: Money, value: Money, bounded: bool) -> None:
    """Refuse ``value``, what ``formula`` pays (``raw`` before its bounds and rounding),
    beyond 15 digits, naming the amount that has them: rounding can carry 15 digits into
    a 16th (999999999999999.5 JPY is paid as 1000000000000000)."""
    if too_big(value):
        held = ""
        if bounded:
            held = f", {value} within bounds"
        elif value != raw:
            held = f", paid as {value} in {value.currency}'s units"
        digits = f"more than {MAX_WHOLE_DIGITS} digits before the decimal point"
        raise InvalidInput("formula", f"{formula} answered {raw}{held}, {digits}")


def factor_fits(kind: str, factor: Decimal, path: str, compiler: FormulaCompiler) -> bool:
    """False after reporting a ``percent`` or ``multiple`` beyond the bounds an amount has:
    ``percent: 1e30`` takes any amount past 15 digits, so every case it decided was refused,
    and ``percent: 1e-30`` (or 40 decimal places) pays a tail no currency holds."""
    try:
        check_size(factor, path)
    except InvalidInput as exc:
        compiler.error(
            path,
            f"{kind}: {exc.message}, more than money carries",
            f"write a {kind} {AMOUNT_BOUNDS}, as an amount is written",
            "factor-size",
        )
        return False
    return True


def too_big(money: Money) -> bool:
    """More than 15 digits before the point: beyond what money holds (its places are
    rounded when paid)."""
    return bool(money.amount) and money.amount.adjusted() >= MAX_WHOLE_DIGITS


def bounds_fit(
    inner: Formula,
    floor: Formula | None,
    cap: Formula | None,
    path: str,
    compiler: FormulaCompiler,
    *,
    sized: bool = True,
) -> bool:
    """False after reporting at ``path`` why ``inner`` held between ``floor`` and ``cap``
    (each already compiled, and so checked, on its own) can never be paid. A part of another
    formula (not ``sized``) is not held to 15 digits: the formula around it may bound it."""
    if sized and cap is None and not _within_size(inner, path, compiler):  # a cap holds it
        return False
    return floor is None or cap is None or _room_between(floor, cap, f"{path}.cap", compiler)


def _within_size(formula: Formula, path: str, compiler: FormulaCompiler) -> bool:
    value = formula.constant
    if not isinstance(value, Money) or not too_big(value):
        return True  # or worked out from the case: only known when deciding
    compiler.error(
        path,
        f"{formula.describe()} comes to {value}, more than {MAX_WHOLE_DIGITS} digits before "
        "the decimal point, so no decision could pay it",
        "lower its amounts or factors",
        "amount-size",
    )
    return False


def _room_between(floor: Formula, cap: Formula, path: str, compiler: FormulaCompiler) -> bool:
    """False after reporting bounds (both needing no inputs) with no payable amount between
    them, naming the rule being compiled and both bounds as written and as paid."""
    low, high = floor.constant, cap.constant
    if not isinstance(low, Money) or not isinstance(high, Money):
        return True  # bounds read from the case are only known when deciding
    if low.currency != high.currency:
        return True  # a bound in another currency is refused where it is written
    paid_low, paid_high = paid_bound(low, "floor"), paid_bound(high, "cap")
    if paid_low <= paid_high:
        return True
    step = Decimal(1).scaleb(-low.minor_units)
    owner = f"{compiler.rule}: " if compiler.rule else ""
    compiler.error(
        path,
        f"{owner}the floor {_as_paid(low, paid_low, 'at least')} is above the cap "
        f"{_as_paid(high, paid_high, 'at most')}, so no amount can be paid",
        f"raise the cap or lower the floor ({low.currency} is paid in steps of {step})",
        "cap-below-floor",
    )
    return False


def _as_paid(written: Money, paid: Money, how: str) -> str:
    if written.amount == paid.amount:
        return written.shown()
    return f"{written} (paid as {how} {paid.shown()})"
