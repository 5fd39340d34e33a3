"""An ``elapsed`` written as a percentage: ``elapsed: 80`` for 80% of the target.

``elapsed`` is a fraction of the target (0.8, 1.0, 1.5), so 80 escalates at eighty times
it: 3个工作日 becomes some 240 business days, a level no case ever reaches in time. A
whole number from 10 to 100 is far likelier an SOP's percentage; it is warned of, with the
fraction to write, and still read as written.
"""

from __future__ import annotations

from complaintkit.errors import Location, Problem


def elapsed_as_percentage(fraction: float, where: Location) -> Problem | None:
    """A warning for ``elapsed: 80``, or None."""
    if not (10 <= fraction <= 100 and fraction == int(fraction)):
        return None
    percent = int(fraction)
    return Problem(
        where,
        f"elapsed: {percent} is {percent} times the target, not {percent}% of it",
        f"write elapsed: {percent / 100:g} for {percent}% (elapsed is a fraction of the "
        "target: 1.0 at the deadline, 1.5 half as long again after it)",
        "warning",
        "elapsed-percentage",
    )
