"""The tick: fire every SLA warning, breach and escalation that has fallen due.

Work is found only through ``Storage.claim_due`` — the indexed next-deadline query — in
batches, so a tick costs what is due, not what is open. Each claimed case is brought up to
date by the SLA engine (which fires what is due in time order and schedules the next
deadline past ``now``), saved inside the claim with what it must send (the outbox), and
announced to plugins after the claim commits. The cyclic garbage collector is paused while a
batch is worked on (``desk.collector``). A processed case is never due again at the same
``now``, which makes a second tick at the same instant a no-op.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import attrs

from complaintkit.desk.collector import collector_paused
from complaintkit.desk.fold import fold
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.sla.engine import SlaEngine
from complaintkit.storage.base import Storage

#: How the Desk tells plugins about a saved change.
Announce = Callable[[Case, Sequence[CaseEvent]], None]
#: How the Desk writes what saved changes must send to the outbox, inside their transaction.
Enqueue = Callable[[Sequence[tuple[Case, Sequence[CaseEvent]]]], None]


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
    storage: Storage,
    engine: SlaEngine,
    announce: Announce,
    now: datetime,
    batch: int,
    enqueue: Enqueue,
    progress: Callable[[int], None] | None = None,
) -> TickReport:
    """Bring every case due by ``now`` up to date, ``batch`` claimed cases at a time;
    ``progress`` hears how many cases each batch brought up to date."""
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise InvalidInput("batch", f"must be a whole number of cases, at least 1 (got {batch!r})")
    kinds: Counter[str] = Counter()
    seen: set[str] = set()

    def one_batch() -> tuple[int, int]:
        """Claim, bring up to date, save and announce one batch; how many cases were
        claimed and how many of them were new to this tick."""
        done: list[tuple[Case, Sequence[CaseEvent]]] = []
        with storage.claim_due(now, batch) as due:
            fresh = [case for case in due if case.id not in seen]
            for case in fresh:
                seen.add(case.id)
                events = fold(case, engine.react(case, (), now), now)
                if events:
                    done.append((case, events))
            storage.save_many(done)
            enqueue(done)
        for case, saved in done:
            announce(case, saved)
            kinds.update(event.kind for event in saved)
        return len(due), len(fresh)

    cases = batches = 0
    while True:
        with collector_paused():  # until the batch's cases are freed, announcements and all
            claimed, fresh = one_batch()
        batches += 1
        cases += fresh
        if progress is not None:
            progress(fresh)
        if claimed < batch or not fresh:
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
