"""One reaction's working copy of a case's SLA state: what the engine reads and writes
while it reacts to a change or a sweep, before the Desk folds its drafts into events."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from complaintkit.model.case import Case
from complaintkit.model.clocks import ClockState
from complaintkit.model.drafts import Draft
from complaintkit.model.history import APPLIERS, SLA_CLOCK_KINDS
from complaintkit.model.instants import iso_text
from complaintkit.policy.facts import Facts
from complaintkit.sla.facts import case_facts


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
        #: The case's status at the signal being read (what a clock started then waits in).
        self.status = case.status
        self.clocks: dict[str, ClockState] = dict(case.clocks.metrics)
        #: The JSON of each clock in ``clocks`` whose JSON is known (``Clocks.written``).
        self.written: dict[str, Mapping[str, Any]] = dict(case.clocks.written)
        self.marks: dict[str, datetime] = dict(case.clocks.marks)
        self.escalation: dict[str, Any] = dict(case.clocks.escalation)
        self.drafts: list[Draft] = []
        self._copied = False
        self._facts: dict[int, Facts] = {}
        #: The engine's last list of pending instants, and what it was worked out from;
        #: likewise its last earliest pending instant.
        self.pending_seen: Seen | None = None
        self.earliest_seen: Seen | None = None

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
                applier(case, {**draft.data, "at": iso_text(at)})
        self._facts.clear()

    def clock(
        self,
        kind: str,
        metric: str,
        state: ClockState,
        reason: str,
        *,
        changed: str | None = None,
        **extra: Any,
    ) -> None:
        """Keep ``state`` as ``metric``'s clock and draft the event that records it (as JSON:
        events are the edge where the typed state is written out).

        ``changed`` names the one field in which ``state`` differs from the clock it
        replaces (a warning or a breach moves nothing else): when that clock's JSON is
        known, it is written again with that field only, not encoded whole."""
        known = self.written.get(metric)
        if changed is None or known is None:
            written = state.to_json()
        else:
            written = state.rewritten(known, changed)
        self.clocks[metric] = state
        self.written[metric] = written
        data = {"metric": metric, "clock": written, **extra}
        self.drafts.append(Draft(kind, data, reason, clock=state))


class Seen:
    """An answer about pending instants and the state of ``work`` it was worked out from.

    Everything that moves a clock or an escalation appends a draft, so the same number of
    drafts, the same escalation state, marks and judged case mean the same answer.
    """

    def __init__(self, work: Work, answer: Any) -> None:
        self.answer = answer
        self.drafts = len(work.drafts)
        self.judging_before = work.judging_before
        self.escalation = work.escalation  # held, so its identity cannot be reused
        self.marks = dict(work.marks)

    def holds(self, work: Work) -> bool:
        return (
            self.drafts == len(work.drafts)
            and self.judging_before == work.judging_before
            and self.escalation is work.escalation
            and self.marks == work.marks
        )
