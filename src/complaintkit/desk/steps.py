"""A sweep's change told step by step: the letters of each escalation level it fires read
the case as that level left it, as sweeps on time would have sent them.

A late sweep fires several levels in one change (``SlaEngine.react``); a level's
``notify`` to the owner, rendered on the case after the whole change, would go to whom a
later level reassigned it to and name the priority a later level raised. So the drafts
are folded in steps, one per ``escalated`` draft and the actions and clock events after
it, and each step is paired with a copy of the case as it stood after that step.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import pairwise

from complaintkit.desk.fold import fold
from complaintkit.model.case import Case
from complaintkit.model.drafts import Draft
from complaintkit.model.events import CaseEvent


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
