"""What every clock a target starts on one calendar shares — its calendar, meter, warnings,
extensions and pause statuses — worked out once per target rather than for every case
opened (each starts a clock per metric)."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from complaintkit.model.clocks import Extension
from complaintkit.model.lifecycle import Status
from complaintkit.sla.clock import Meter
from complaintkit.sla.metrics import Target, WarningPoint
from complaintkit.sla.policy import SlaPolicy
from complaintkit.sla.timeline import Timeline

#: ``Plans.plan``'s key: the metric, the calendar's name and the target's id.
Key = tuple[str, str, int]


@attrs.frozen
class Plan:
    """The parts of a clock's start that depend only on its metric, target and calendar;
    ``target`` is held, so its id names it while the plan is kept."""

    target: Target
    calendar: Timeline
    meter: Meter
    warnings: tuple[WarningPoint, ...]
    extensions: tuple[Extension, ...]
    pause_in: tuple[Status, ...] | None


class Plans:
    """An engine's plans, bounded: a migration's re-based targets are made afresh for each
    case, so they only ever miss."""

    def __init__(
        self,
        policy: SlaPolicy,
        calendar: Callable[[str | None], Timeline],
        meter: Callable[[str | None, bool, str, bool, bool], Meter],
        size: int = 256,
    ) -> None:
        self.policy = policy
        self.calendar = calendar
        self.meter = meter
        self.size = size
        self._known: dict[Key, Plan] = {}

    def plan(self, metric: str, target: Target, name: str) -> Plan:
        """The plan of ``metric``'s clocks for ``target`` on calendar ``name``."""
        key = (metric, name, id(target))
        found = self._known.get(key)
        if found is not None and found.target is target:
            return found
        rules, duration = target.rules, target.duration
        pause_in = target.pause_in
        found = Plan(
            target,
            self.calendar(name),
            self.meter(name, duration.business, rules.end, rules.roll, duration.first_close),
            self.policy.warnings_for(metric, target),
            tuple(Extension(e.upon, e.mode, e.within) for e in target.extensions),
            None if pause_in is None else tuple(sorted(pause_in, key=lambda s: s.value)),
        )
        if len(self._known) >= self.size:
            self._known.clear()
        self._known[key] = found
        return found
