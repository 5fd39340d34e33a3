"""A sweep's change told step by step: the letters of each escalation level it fires read
the case as that level left it, as sweeps on time would have sent them.

A late sweep fires several levels in one change (``SlaEngine.react``); a level's
``notify`` to the owner, rendered on the case after the whole change, would go to whom a
later level reassigned it to and name the priority a later level raised. So the drafts
are folded in steps, one per ``escalated`` draft and the actions and clock events after
it, and each step is paired with a copy of the case as it stood after that step.

An ordinary change (``Desk.respond``) is made after a sweep at its own instant
(``swept_first``): what fell due before it, and at that instant, is recorded and sent
first, on the case as it stood then, as a sweep on time would have, so a late change
neither undoes nor is undone by a level that fell due before it (a reassignment an
overdue level made before a manager's own assignment).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import pairwise

from complaintkit.desk.fold import fold
from complaintkit.model.case import Case
from complaintkit.model.drafts import Draft
from complaintkit.model.events import CaseEvent
from complaintkit.sla.engine import SlaEngine


def fold_steps(
    case: Case, drafts: Sequence[Draft], now: datetime
) -> list[tuple[Case, list[CaseEvent]]]:
    """Fold ``drafts`` into ``case`` as ``fold`` does; return each step's events with the
    case as it stood after the step (``case`` itself for the last)."""
    cuts = [i for i, draft in enumerate(drafts) if draft.kind == "escalated" and i > 0]
    bounds = [0, *cuts, len(drafts)]
    steps: list[tuple[Case, list[CaseEvent]]] = []
    for start, end in pairwise(bounds):
        events = fold(case, drafts[start:end], now)  # before the first level: a step too
        steps.append((case if end == len(drafts) else case.copy(), events))
    return steps


def swept_first(
    engine: SlaEngine | None, case: Case, now: datetime
) -> list[tuple[Case, list[CaseEvent]]]:
    """What a sweep at ``now`` records on ``case`` before a change made at ``now``, folded
    into it as ``fold_steps`` folds a sweep's, each step with a copy of the case it left."""
    if engine is None or not case.is_open or not engine.due_by(case, now):
        return []
    steps = fold_steps(case, engine.react(case, (), now), now)
    return [
        (seen_as.copy() if seen_as is case else seen_as, step) for seen_as, step in steps if step
    ]
