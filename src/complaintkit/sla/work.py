"""One reaction's working copy of a case's SLA state: what the engine reads and writes
while it reacts to a change or a sweep, before the Desk folds its drafts into events."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import attrs

from complaintkit.model.case import Case
from complaintkit.model.drafts import Draft
from complaintkit.model.history import APPLIERS, SLA_CLOCK_KINDS
from complaintkit.policy.facts import Facts
from complaintkit.sla.clock import State
from complaintkit.sla.facts import case_facts

MARKS = "_marks"
ESCALATION = "_escalation"


def fixed(moment: datetime) -> datetime:
    """``moment`` at its own fixed UTC offset: two datetimes sharing a ZoneInfo subtract and
    compare on the wall clock, an hour off across DST; fixed offsets keep the local look."""
    return moment.astimezone(timezone(moment.utcoffset() or timedelta(0)))


def metric_states(clocks: dict[str, Any]) -> dict[str, State]:
    """The per-metric entries of ``case.clocks`` (the engine's bookkeeping starts with _)."""
    return {name: state for name, state in clocks.items() if not name.startswith("_")}


class Work:
    """One reaction's working copy of a case's SLA state, and the drafts it produced.

    ``case`` is the case the drafts apply to; it is copied on the first draft that changes
    what conditions read, so a level's actions are visible to the next level's guard.
    ``judged`` is what guards read: the case before the change while the engine catches
    up on what fell due before it, else ``case``.
    """

    def __init__(self, case: Case, before: Case | None = None) -> None:
        self.case = case
        self.before = before
        self.judging_before = False
        self.clocks = metric_states(case.clocks)
        self.marks: dict[str, str] = dict(case.clocks.get(MARKS, {}))
        self.escalation: dict[str, Any] = dict(case.clocks.get(ESCALATION, {}))
        self.drafts: list[Draft] = []
        self._copied = False
        self._facts: dict[int, Facts] = {}

    @property
    def judged(self) -> Case:
        return self.before if self.judging_before and self.before is not None else self.case

    @property
    def facts(self) -> Facts:
        """What conditions read now (the case before the change while catching up)."""
        case = self.judged
        found = self._facts.get(id(case))
        if found is None:
            found = self._facts[id(case)] = case_facts(case)
        return found

    def add(self, draft: Draft, at: datetime, *, visible: bool = True) -> None:
        """Keep ``draft``; apply it to the working copies when a later guard or condition
        could read it (``visible``)."""
        self.drafts.append(draft)
        applier = APPLIERS.get(draft.kind)
        if not visible or applier is None or draft.kind in SLA_CLOCK_KINDS:
            return
        if not self._copied:  # shallow: ladder drafts replace fields, they never mutate them
            self.case, self._copied = attrs.evolve(self.case), True
            self.before = None if self.before is None else attrs.evolve(self.before)
        for case in (self.case, self.before):
            if case is not None:
                applier(case, {**draft.data, "at": at.isoformat()})
        self._facts.clear()

    def clock(self, kind: str, metric: str, state: State, reason: str, **extra: Any) -> None:
        self.clocks[metric] = state
        self.drafts.append(Draft(kind, {"metric": metric, "clock": state, **extra}, reason))
