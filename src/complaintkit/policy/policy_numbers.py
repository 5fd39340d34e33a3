"""A number or value written in a policy, as the exact value conditions compare with.

Numbers in policies become ``Decimal`` when the policy is compiled, so an amount held as
``Decimal`` compares exactly with ``100`` or ``"99.90"``, never via float; a number too
large for exact arithmetic is refused there, naming itself.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from complaintkit.policy.as_written import got
from complaintkit.policy.numeric_text import number_in_text

#: Largest power of ten a policy number may have (either side of the point): beyond it
#: arithmetic on it would overflow or take unbounded time, and no SOP needs it.
MAX_DIGITS: Final = 30


def to_number(argument: object) -> Decimal:
    """A policy number as an exact Decimal; floats go through their shortest repr."""
    if isinstance(argument, bool):
        raise ValueError(f"expects a number (got {got(argument)})")
    if isinstance(argument, int | Decimal):
        number = Decimal(argument)
    elif isinstance(argument, float):
        number = Decimal(repr(argument))
    elif isinstance(argument, str):  # as a number in a complaint's text is read: ASCII only
        found = number_in_text(argument)
        if found is None:
            raise ValueError(f"expects a number (got {got(argument)})")
        number = found
    else:
        raise ValueError(f"expects a number (got {got(argument)})")
    if not number.is_finite():
        raise ValueError(f"expects a finite number (got {got(argument)})")
    if number and not -MAX_DIGITS <= number.adjusted() <= MAX_DIGITS:
        raise ValueError(f"expects a number of at most {MAX_DIGITS} digits (got {got(argument)})")
    return number


def to_scalar(argument: object) -> object:
    """A literal for equality and membership: text, true/false, or an exact number."""
    if isinstance(argument, str | bool):
        return argument
    if isinstance(argument, int | float | Decimal):
        return to_number(argument)
    raise ValueError(f"expects text, a number or true/false (got {got(argument)})")
