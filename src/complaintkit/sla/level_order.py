"""Ladder levels listed out of the order they fall due.

A case's escalation level is the position of the highest level fired, so a level that
falls due before one listed above it (``manager`` at 100% of resolution, then ``early``
at 50%) puts the case at level 2 while level 1 has not fired, and keeps it there when
level 1 fires: reports and ``case.escalation_level`` read a ladder the SOP never wrote.
Only levels whose instants are certain to compare are named: on the same metric's
clock, or after the same signal on the same calendar by durations of one kind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from complaintkit.errors import Location, Problem
from complaintkit.sla.durations import certainly_shorter
from complaintkit.sla.escalation import Level, Trigger

Locate = Callable[[str], Location]


def levels_out_of_order(levels: Sequence[Level], path: str, locate: Locate) -> list[Problem]:
    """A warning at each level's trigger that falls due before a level listed above it
    in the ladder at ``path``, naming the first such level."""
    problems: list[Problem] = []
    for j, level in enumerate(levels):
        overtaken = next((e for e in levels[:j] if _sooner(level.trigger, e.trigger)), None)
        if overtaken is None:
            continue
        key = "elapsed" if level.trigger.sla is not None else "after"
        earlier = f"{path}.levels[{overtaken.index - 1}]"
        where = locate(earlier)
        at = f"{where.file}:{where.line}" if where.line is not None else where.file
        problems.append(
            Problem(
                locate(f"{path}.levels[{level.index - 1}].trigger.{key}"),
                f"level {level.name!r} ({level.trigger.describe()}) falls due before level "
                f"{overtaken.name!r} ({overtaken.trigger.describe()}), listed above it at "
                f"{earlier} ({at}): a case reaches escalation level {level.index} while "
                f"level {overtaken.index} has not fired",
                f"list a ladder's levels in the order they fall due: move {level.name!r} "
                f"above {overtaken.name!r}",
                "warning",
                "level-order",
            )
        )
    return problems


def _sooner(trigger: Trigger, other: Trigger) -> bool:
    """Whether ``trigger`` certainly falls due before ``other`` on every case."""
    if trigger.sla is not None:
        return (
            trigger.sla == other.sla
            and trigger.fraction is not None
            and other.fraction is not None
            and trigger.fraction < other.fraction
        )
    mine, theirs = trigger.after, other.after
    if trigger.since is None or mine is None or theirs is None:
        return False
    same_clock = (trigger.since, trigger.calendar, trigger.choice) == (
        other.since,
        other.calendar,
        other.choice,
    )
    return same_clock and certainly_shorter(mine, theirs)
