"""Extensions that can never lengthen their clock.

``to: 10 business days`` on a 15-business-day target (or a ``to`` copied from a row whose
``within`` was shorter) re-counts a period that ends no later than the target's own, and
``by: 0h`` adds nothing: when the signal comes the engine records ``sla_not_extended`` and
the deadline stays, while the SOP promised an extension. Only durations certain to compare
are named: of one kind, or calendar time against business time of the same form (a
business hour or day is never shorter than a calendar one).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from complaintkit.errors import InvalidInput, Location, Problem
from complaintkit.sla.durations import Duration, parse_duration
from complaintkit.sla.metrics import Target

Locate = Callable[[str], Location]


def void_extensions(rows: Sequence[Mapping[str, Target]], locate: Locate) -> list[Problem]:
    """A warning at each extension of each row's targets that ends no later than the
    target itself; ``rows`` are the target rows' compiled targets, by metric."""
    problems: list[Problem] = []
    for i, targets in enumerate(rows):
        for metric, target in targets.items():
            for j, extension in enumerate(target.extensions):
                try:
                    duration = parse_duration(extension.within)
                except InvalidInput:  # already reported where it is written
                    continue
                if extension.mode == "to" and not _no_later(duration, target.duration):
                    continue
                if extension.mode == "by" and not _nothing(duration):
                    continue
                row = f"sla.targets[{i}]"
                said = f"{extension.mode}: {extension.within} upon {extension.upon}"
                own = f"{target.text} ({_kind(target.duration)})"
                if extension.mode == "to":
                    why = (
                        f"ends no later than the clock's own within: {own}, counted from the "
                        "same start"
                    )
                    fix = f"write a period longer than {target.text}, or by: to add time"
                else:
                    why = f"adds no time to the clock's own within: {own}"
                    fix = "write the time to add, e.g. by: 15 business days"
                problems.append(
                    Problem(
                        locate(f"{row}.{metric}.extend[{j}]"),
                        f"{metric} in {row}: the extension {said} "
                        f"({_kind(duration)}) {why}, so it lengthens nothing when "
                        f"{extension.upon} comes",
                        f"{fix}; or remove the extension",
                        "warning",
                        "extension-lengthens-nothing",
                    )
                )
    return problems


def _no_later(extension: Duration, target: Duration) -> bool:
    """Whether a period of ``extension`` from any start ends no later than ``target``'s."""
    if extension.in_days != target.in_days:
        return False  # a day is 23 to 25 hours; 0 business days is today's close
    if extension.business and not target.business:
        return False  # a business day may span a weekend or a holiday
    mine = (extension.months, extension.days, extension.time.total_seconds())
    theirs = (target.months, target.days, target.time.total_seconds())
    return all(a <= b for a, b in zip(mine, theirs, strict=True))


def _nothing(extension: Duration) -> bool:
    """Whether ``by`` this adds no time: zero calendar hours (a zero in business time or in
    days may still move the end to a close)."""
    return not (extension.business or extension.in_days or extension.time)


def _kind(duration: Duration) -> str:
    return "business time" if duration.business else "calendar time"
