"""The case the Desk would open for a complaint, built in memory for ``complaintkit explain``.

Explaining deadlines and compensation needs a case, not just a complaint: its
classification, owner, clocks and escalation ladder. Running the real intake on a
provisional Desk — a throwaway memory store, a clock stopped at the complaint's
``received_at`` — gives exactly that case, with no second implementation to drift from the
Desk. A provisional Desk tells no one: no lifecycle hook, no notification.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from complaintkit.clock import ManualClock
from complaintkit.desk.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins
from complaintkit.policy.assessment import AssessingPolicy, History
from complaintkit.policy.compiled import Policy
from complaintkit.policy.explain import Explanation
from complaintkit.storage.memory import MemoryStorage


def provisional_case(
    policy: AssessingPolicy,
    complaint: Complaint,
    plugins: Plugins | None = None,
    events: Sequence[tuple[str, datetime]] = (),
) -> Case:
    """Intake ``complaint`` under ``policy`` at its ``received_at``, in memory, silently;
    then record each ``(kind, at)`` custom event (a holding reply), sweeping up to it."""
    clock = ManualClock(complaint.received_at)
    desk = Desk(
        policy,
        storage=MemoryStorage(),
        clock=clock,
        plugins=plugins,
        provisional=True,
    )
    case = desk.intake(complaint)
    for kind, at in sorted(events, key=lambda event: event[1]):
        clock.set(max(at, clock.now()))
        desk.tick()
        case = desk.record_event(case.id, kind, actor="explain", reason="as asked")
    return case


def explain_complaint(
    policy: Policy,
    complaint: Complaint,
    history: History | None = None,
    plugins: Plugins | None = None,
    events: Sequence[tuple[str, datetime]] = (),
) -> Explanation:
    """``policy``'s trace for ``complaint`` and for the case a Desk would open for it, after
    the custom ``events`` (kind, instant): the policy layer explains, the Desk supplies the
    case, so the policy never imports the Desk."""
    case = provisional_case(policy, complaint, plugins, events)
    return policy.explain(complaint, case, history)
