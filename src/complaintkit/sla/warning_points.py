"""A warning as a policy writes it: a fraction of the target (``0.8``, named ``80%``) or a
time before the deadline (``"2 hours before"``), in hours and minutes only, since a warning
days before would come before some clocks start."""

from __future__ import annotations

import re
from typing import Final

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration
from complaintkit.sla.metrics import WarningPoint, percentage

_BEFORE: Final = re.compile(r"^(.*?\S)\s+before$")  # of stripped text; ends at a word: linear


class NotAWarning(ValueError):
    """What is wrong with a written warning, and what to write instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def warning_point(item: object) -> WarningPoint:
    """The warning ``item`` writes; ``NotAWarning`` if it writes none."""
    if isinstance(item, int | float) and not isinstance(item, bool):
        if item <= 0:  # it would fire as the clock starts, of nothing used
            raise NotAWarning(
                f"a warning of {item!r} comes when the clock starts, warning of nothing",
                "write a fraction of the target above 0 and below 1 (0.8 warns at 80%)",
            )
        if item >= 1:  # it would fire at the breach or after it
            raise NotAWarning(
                f"a warning of {item!r} comes at or after the deadline, not before it",
                "write a fraction of the target below 1 (0.8 warns at 80%)",
            )
        if item > 0:  # not NaN, which is no warning
            return WarningPoint(percentage(item), fraction=float(item))
    match = _BEFORE.match(str(item).strip())
    try:
        if match is None:
            raise InvalidInput("warning", "")
        duration = parse_duration(match.group(1))
        if duration.business or duration.days:
            raise InvalidInput("warning", "")
    except InvalidInput:
        raise NotAWarning(
            f"{item!r} is not a warning",
            "write a fraction of the target (0.8) or '<hours/minutes> before'",
        ) from None
    if not duration.time:  # it would fire with the breach, as a warning of 1.0
        raise NotAWarning(
            f"{item!r} comes at the deadline, not before it",
            "write a time before it ('30 minutes before') or a fraction below 1",
        )
    return WarningPoint(str(item).strip(), before=duration.time)
