"""T+N for an N no deadline reaches: ``T+99999``.

Told "write '99999个工作日' or '99999天'", the author would be refused again for a duration
over 100 years. N business days take at least 7/5 as many calendar days (five to a week, before
holidays), so a T+N past that bound is told it is out of reach instead.
"""

from __future__ import annotations

from collections.abc import Callable


def out_of_reach(days: int, reads: Callable[[str], bool]) -> str | None:
    """Why T+``days`` is no deadline, when its business days fall due past the longest
    duration ``reads`` takes; else None."""
    at_least = -(-days * 7 // 5)  # calendar days, rounded up
    if reads(f"{at_least} days"):
        return None
    return (
        f"T+{days} is {days} business days, at least {at_least} calendar days: more than "
        "100 years away, past the longest deadline there is; write a nearer one"
    )
