"""The tick: fire every SLA warning, breach and escalation that has fallen due.

Work is found through ``Storage.claim_due`` — the indexed next-deadline query — in
batches, so a tick costs what is due, not what is open; only the first tick under a new
policy version reads every open case, once (``desk.replan``). Each claimed case is brought up to
date by the SLA engine (which fires what is due in time order and schedules the next
deadline past ``now``), saved inside the claim with what it must send (the outbox), and
announced to plugins after the claim commits. The cyclic garbage collector is paused while a
batch is worked on (``complaintkit.collector``). A processed case is never due again at the same
``now``, which makes a second tick at the same instant a no-op.

A case the engine fails on (a plugin's condition operator raising on its facts, in the SLA
or escalation policy or in a notification rule's ``when``) is left as it was, still due,
and named in the report; the other cases go on, and the claims after it
take one more case each so that it never holds a batch's place. A due case whose stored row
cannot be read (damaged outside complaintkit) is passed over by the claim
(``storage.claimed``) and named in the report the same way; so is one whose row cannot
be written (a damaged page, a write the store refuses: the batch's other cases are saved
apart, ``saved_apart``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import attrs

from complaintkit.collector import collector_paused
from complaintkit.desk.replan import replan_open
from complaintkit.desk.saved_apart import saved_apart
from complaintkit.desk.steps import fold_steps
from complaintkit.errors import (
    DamagedRecord,
    DamagedStore,
    InvalidInput,
    RefusedWrite,
    StorageError,
)
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugin_said import said
from complaintkit.sla.engine import SlaEngine
from complaintkit.storage.base import Storage

log = logging.getLogger(__name__)

#: How the Desk tells plugins about a saved change.
Announce = Callable[[Case, Sequence[CaseEvent]], None]


@attrs.frozen
class Outbox:
    """What saved changes send: ``prepare`` works out one case's before it is saved (its
    failure is that case's), ``write`` stores a batch's inside the batch's transaction."""

    prepare: Callable[[Case, Sequence[CaseEvent]], Any]
    write: Callable[[Sequence[Any]], None]


#: An outbox for a Desk that sends nothing.
NO_OUTBOX = Outbox(lambda case, events: None, lambda prepared: None)


@attrs.frozen
class TickReport:
    """What one tick did."""

    now: datetime
    cases: int = 0
    #: cases re-planned under a new policy version, or saved by one it superseded (``replan``)
    replanned: int = 0
    events: int = 0
    warnings: int = 0
    breaches: int = 0
    escalations: int = 0
    batches: int = 0
    #: (case id, reason) of each case that could not be brought up to date; still due
    failed: tuple[tuple[str, str], ...] = ()
    #: each damaged part of the store every save writes into (the outbox, the event log),
    #: once, with what to do: the cases it left due name it in ``failed``
    damaged: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        failed = [{"case_id": case_id, "reason": reason} for case_id, reason in self.failed]
        return {
            **attrs.asdict(self),
            "now": self.now.isoformat(),
            "failed": failed,
            "damaged": list(self.damaged),
        }


def up_to_date(
    case: Case, engine: SlaEngine, now: datetime, outbox: Outbox
) -> tuple[list[CaseEvent], list[Any]]:
    """Bring ``case`` up to date at ``now``, in place: the events to save with it and what
    they send. The sweep of a due case and the re-plan under a new version (``replan``)."""
    steps = fold_steps(case, engine.react(case, (), now), now)
    case.planned_by = engine.version
    events = [event for _, step in steps for event in step]
    return events, [outbox.prepare(seen_as, step) for seen_as, step in steps if step]


def run_tick(
    storage: Storage,
    engine: SlaEngine,
    announce: Announce,
    now: datetime,
    batch: int,
    outbox: Outbox,
    progress: Callable[[int], None] | None = None,
    *,
    isolate: bool = True,
    replan: bool = False,
) -> TickReport:
    """Bring every case due by ``now`` up to date, ``batch`` claimed cases at a time;
    ``progress`` hears how many cases each batch (a re-plan's too) brought up to date.
    Without ``isolate`` (provisional work, whose answer it is) a case the engine fails on
    ends the tick.
    ``replan`` re-plans every open case first, whatever version the store records."""
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise InvalidInput("batch", f"must be a whole number of cases, at least 1 (got {batch!r})")
    kinds: Counter[str] = Counter()
    seen: set[str] = set()
    failed: list[tuple[str, str]] = []
    shared: dict[str, str] = {}  # damaged parts every save writes into (``saved_apart``)
    replanned = replan_open(  # before the sweep: the work a new version brings forward
        storage,
        engine.version,
        lambda case: up_to_date(case, engine, now, outbox),
        announce,
        outbox.write,
        batch,
        kinds,
        failed,
        shared,
        isolate=isolate,
        force=replan,
        progress=progress,
    )
    left_due = 0  # of the failed, those the claims hold again (damaged rows are passed over)

    def one_batch(limit: int) -> tuple[int, int]:
        """Claim, bring up to date, save and announce one batch; how many cases were
        claimed and how many of them were new to this tick."""
        nonlocal left_due
        done: list[tuple[Case, Sequence[CaseEvent]]] = []
        sends: list[Any] = []
        try:
            with storage.claim_due(now, limit) as due:
                _name_passed_over(getattr(due, "damaged", ()), seen, failed, isolate=isolate)
                fresh = [case for case in due if case.id not in seen]
                for case in fresh:
                    seen.add(case.id)
                    try:
                        events, send = up_to_date(case, engine, now, outbox)
                    except Exception as exc:  # this case's failure; the others go on
                        if not isolate or isinstance(exc, StorageError):
                            raise
                        log.error("tick: case %s left due", case.id, exc_info=exc)
                        failed.append((case.id, said(exc)))
                        left_due += 1
                        continue
                    if events:
                        done.append((case, events))
                        sends += send
                storage.save_many(done)
                outbox.write(sends)
        except (DamagedStore, RefusedWrite):  # a page it cannot write, a case refused
            if not isolate or not done:
                raise
            apart = saved_apart(
                storage,
                [case.id for case, _ in done],
                lambda case: up_to_date(case, engine, now, outbox),
                outbox.write,
                failed,
                shared,
            )
            done, left_due = apart.saved, left_due + apart.left
        for case, saved in done:
            announce(case, saved)
            kinds.update(event.kind for event in saved)
        return len(due), len(fresh)

    cases = batches = 0
    while True:
        with collector_paused():  # until the batch's cases are freed, announcements and all
            claimed, fresh = one_batch(limit := batch + left_due)  # room for those left due
        batches += 1
        cases += fresh
        if progress is not None:
            progress(fresh)
        if claimed < limit or not fresh:
            break
    return TickReport(
        now,
        cases=cases,
        replanned=replanned,
        events=sum(kinds.values()),
        warnings=kinds["sla_warning"],
        breaches=kinds["sla_breached"],
        escalations=kinds["escalated"],
        batches=batches,
        failed=_each_once(failed),
        damaged=tuple(shared.values()),
    )


def _name_passed_over(
    damaged: Sequence[tuple[str, str]],
    seen: set[str],
    failed: list[tuple[str, str]],
    *,
    isolate: bool,
) -> None:
    """Name in ``failed`` each due row a claim passed over (``storage.claimed``) that this
    tick has not named yet; without ``isolate`` the first ends the tick."""
    for case_id, reason in damaged:
        if case_id not in seen:
            if not isolate:
                raise DamagedRecord(reason)
            seen.add(case_id)
            log.error("tick: case %s left due: %s", case_id, reason)
            failed.append((case_id, reason))


def _each_once(failed: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Each case the tick could not bring up to date, named once with its first reason: a
    case the re-plan under a new version failed on is still due, and the sweep fails on it
    again."""
    named: dict[str, str] = {}
    for case_id, reason in failed:
        named.setdefault(case_id, reason)
    return tuple(named.items())
