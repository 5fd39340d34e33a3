"""The tick: fire every SLA warning, breach and escalation that has fallen due.

Work is found only through ``Storage.claim_due`` — the indexed next-deadline query — in
batches, so a tick costs what is due, not what is open. Each claimed case is brought up to
date by the SLA engine (which fires what is due in time order and schedules the next
deadline past ``now``), saved inside the claim, and announced to plugins after the claim
commits. A processed case is never due again at the same ``now``, which makes a second
tick at the same instant a no-op.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent

if TYPE_CHECKING:
    from complaintkit.desk.desk import Desk


@attrs.frozen
class TickReport:
    """What one tick did."""

    now: datetime
    cases: int = 0
    events: int = 0
    warnings: int = 0
    breaches: int = 0
    escalations: int = 0
    batches: int = 0

    def to_json(self) -> dict[str, Any]:
        return {**attrs.asdict(self), "now": self.now.isoformat()}


def run_tick(
    desk: Desk, now: datetime, batch: int, progress: Callable[[int], None] | None = None
) -> TickReport:
    """Run the tick; ``progress`` hears how many cases each batch brought up to date."""
    if desk.sla is None:
        return TickReport(now)
    engine = desk.sla
    kinds: Counter[str] = Counter()
    seen: set[str] = set()
    cases = batches = 0
    while True:
        done: list[tuple[Case, Sequence[CaseEvent]]] = []
        with desk.storage.claim_due(now, batch) as due:
            batches += 1
            fresh = [case for case in due if case.id not in seen]
            for case in fresh:
                seen.add(case.id)
                events = desk._fold(case, engine.react(case, (), now), now)
                if events:
                    done.append((case, events))
            desk.storage.save_many(done)
        for case, saved in done:
            desk._announce(case, saved)
            kinds.update(event.kind for event in saved)
        cases += len(fresh)
        if progress is not None:
            progress(len(fresh))
        if len(due) < batch or not fresh:
            break
    return TickReport(
        now,
        cases=cases,
        events=sum(kinds.values()),
        warnings=kinds["sla_warning"],
        breaches=kinds["sla_breached"],
        escalations=kinds["escalated"],
        batches=batches,
    )
