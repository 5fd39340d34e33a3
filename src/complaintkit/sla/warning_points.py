"""A warning as a policy writes it: a fraction of the target (``0.8``, named ``80%``) or a
time before the deadline (``"2 hours before"``), in hours and minutes only, since a warning
days before would come before some clocks start."""

from __future__ import annotations

import re
from typing import Final

from complaintkit.errors import InvalidInput
from complaintkit.sla.durations import parse_duration, what_to_write
from complaintkit.sla.metrics import WarningPoint, percentage

_BEFORE: Final = re.compile(r"^(.*?\S)\s+before$")  # of stripped text; ends at a word: linear
_HINT: Final = "write a fraction of the target (0.8) or '<hours/minutes> before'"
#: Advice that names one duration to write, which a warning takes before 'before'.
_WRITE: Final = re.compile(r"write '([^']+)'")
#: The word that makes hours business hours: the clock already counts in its own time.
_BUSINESS: Final = re.compile(r"(?:business|working)\s+|工作(?=小时)", re.IGNORECASE)
_DAYS_HINT: Final = (
    "a warning before the deadline is in hours or minutes ('24 hours before'; on a "
    "business-time target, working hours), or write a fraction of the target (0.8)"
)


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
    except InvalidInput:
        meant = None if match is None else _WRITE.fullmatch(what_to_write(match[1]) or "")
        raise NotAWarning(f"{item!r} is not a warning", _told(meant)) from None
    if duration.business or duration.days:
        raise NotAWarning(f"{item!r} is not a warning", _counted_hint(match[1], duration.in_days))
    if not duration.time:  # it would fire with the breach, as a warning of 1.0
        raise NotAWarning(
            f"{item!r} comes at the deadline, not before it",
            "write a time before it ('30 minutes before') or a fraction below 1",
        )
    return WarningPoint(str(item).strip(), before=duration.time)


def _told(meant: re.Match[str] | None) -> str:
    """The hint for a warning whose time is told ``meant``: that warning, or what it would
    be told in turn (一天 is told 1天, and a warning is in hours)."""
    if meant is None:
        return _HINT
    try:
        warning_point(f"{meant[1]} before")  # it reads: what it is told ends here
    except NotAWarning as again:
        return again.hint
    return f"write '{meant[1]} before'"


def _counted_hint(written: str, days: bool) -> str:
    """What to write for a warning before the deadline in business time or days."""
    if days:
        return _DAYS_HINT
    return (
        f"write '{_BUSINESS.sub('', written)} before': a warning counts in the time its "
        "clock counts, working hours on a business-time target"
    )
