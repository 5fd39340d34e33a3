"""A sweep's change told step by step: the letters of each escalation level it fires read
the case as that level left it, as sweeps on time would have sent them.

A late sweep fires several levels in one change (``SlaEngine.react``); a level's
``notify`` to the owner, rendered on the case after the whole change, would go to whom a
later level reassigned it to and name the priority a later level raised. So the drafts
are folded in steps, one per ``escalated`` draft and the actions and clock events after
it, and each step is paired with a copy of the case as it stood after that step.

An ordinary change (``Desk.respond`` with no sweep before it) fires the levels that fell
due meanwhile the same way (``change_steps``); its own events, folded first, are sent on
the case as the whole change left it, as they always were.
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


def change_steps(
    case: Case,
    own: list[CaseEvent],
    fell_due: Sequence[Draft],
    answer: Sequence[Draft],
    now: datetime,
) -> tuple[list[CaseEvent], list[tuple[Case, list[CaseEvent]]]]:
    """Fold a change's SLA drafts (``SlaEngine.react_parts``) into ``case`` after its ``own``
    events, already folded; return every event in stored order, and the events paired
    with the case each is sent on: ``own`` on the case after the change, each level's on
    the case it left, before the change's ``answer`` (a clock its reply stopped)."""
    if not any(draft.kind == "escalated" for draft in (*fell_due, *answer)):
        events = own + fold(case, [*fell_due, *answer], now)
        return events, [(case, events)]  # no level: one change, sent as it always was
    steps = fold_steps(case, fell_due, now)
    if answer:  # the last level left the case before the change's answer: keep it so
        steps[-1] = (case.copy(), steps[-1][1])
        steps += fold_steps(case, answer, now)
    sends = [(case, own), *((seen_as, step) for seen_as, step in steps if step)]
    return own + [event for _, step in steps for event in step], sends
