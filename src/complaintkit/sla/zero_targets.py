"""Targets of no time: ``0h``, ``0 business hours``, ``PT0S``, ``0 days`` ending exactly.

Such a clock is due the instant it starts, so every case breaches it at intake and every
escalation watching it fires at once — an SOP's "immediately", or a placeholder never
filled in. It loads and runs, so it is a warning. ``0 business days`` (today's close) and
a zero that ``ends`` at the close or the end of the day are later that day: not warned.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from complaintkit.errors import Location, Problem
from complaintkit.sla.metrics import Target

Locate = Callable[[str], Location]


def zero_targets(rows: Sequence[Mapping[str, Target]], locate: Locate) -> list[Problem]:
    """A warning at each target, of each row's compiled targets, due as its clock starts."""
    return [
        Problem(
            locate(f"sla.targets[{i}].{metric}"),
            f"{metric} in sla.targets[{i}] is {target.text}, no time at all: the clock is "
            "due the instant it starts, so every case it applies to breaches it at once",
            "write the time the SOP allows, e.g. 2h or 1 business day; for the close of "
            "today's business write 0 business days",
            "warning",
            "zero-target",
        )
        for i, targets in enumerate(rows)
        for metric, target in targets.items()
        if _no_time(target)
    ]


def _no_time(target: Target) -> bool:
    duration = target.duration
    if duration.months or duration.days or duration.time:
        return False
    if duration.business and duration.in_days:  # 0 business days: today's close
        return False
    return target.rules.end == "exact"
