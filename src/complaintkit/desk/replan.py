"""The first tick under a new policy version re-plans every open case once.

The sweep finds a case by the next deadline the version that last planned it stored, so a
level, warning or shorter target a new version brings forward of that deadline would wait
for it. The store records which version planned its deadlines (``storage.plan_mark``); a
tick whose Desk runs another reads every open case in id order, in batches of the tick's
size, and brings each up to date as the sweep brings a due case (what fell due fires with
its ``due_at``, a moved deadline is saved with its ``sla_scheduled``). Each batch is saved
with the record of the last case it re-planned, in one transaction, so a re-plan cut short
resumes after it; the record holds the new version when the last batch is saved. A store
with no record yet (migrated from before records were kept, or never ticked) was planned
by the versions its open cases were opened under: when they are all the Desk's, it
records that and re-plans nothing; otherwise it re-plans, as a store that kept the record.

A Desk whose version the record says a later one superseded (a rolling deploy: version 1
and version 2 ticking one store) does not re-plan back: it warns once and sweeps as usual.
Re-planning under it again takes a version name the store has not recorded, or an
operator's forced re-plan (``tick --replan``), which re-plans whatever the record says.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from complaintkit.collector import collector_paused
from complaintkit.desk.saved_apart import Bring, saved_apart
from complaintkit.errors import DamagedStore, RefusedWrite, StorageError
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugin_said import said
from complaintkit.storage.base import Storage
from complaintkit.storage.plan_mark import PlanMark

log = logging.getLogger(__name__)


def replan_open(
    storage: Storage,
    version: str,
    bring: Bring,
    announce: Callable[[Case, Sequence[CaseEvent]], None],
    write: Callable[[Sequence[Any]], None],
    batch: int,
    kinds: Counter[str],
    failed: list[tuple[str, str]],
    shared: dict[str, str],
    *,
    isolate: bool = True,
    force: bool = False,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Re-plan the open cases unless ``version`` planned them (with ``force``, whatever
    the record says), then those a version it superseded saved since; count the events
    saved in ``kinds`` and name a case the engine fails on in ``failed`` (it keeps its old
    plan and its stored deadline; without ``isolate`` the failure ends the tick), and a
    damaged part of the store every save writes into once in ``shared`` (``saved_apart``). How many
    cases were re-planned; ``progress`` hears how many each batch re-planned."""
    after: str | None = None  # how far this tick has read what superseded versions saved
    replanned = 0
    while True:
        mark, settled, opened = None, False, False
        try:
            with collector_paused(), storage.hold_plan_mark() as held:
                opened = True  # the record read: damage met past it is the cases'
                mark = _forced(storage, held, version) if force else held
                force = False  # the first batch started the forced re-plan; the others resume
                if mark is None and (mark := _first_mark(storage, version)) is None:
                    return replanned
                if mark.outdates(version):
                    _warn_outdated(storage, version, mark)
                    return replanned
                settled = mark.version == version and mark.target is None  # it planned them
                if settled and not mark.superseded:
                    return replanned
                cases = _batch_read(storage, version, mark, after, batch)
                done, last, count = _replan_batch(
                    storage, version, cases, bring, write, failed, isolate
                )
                finished = len(cases) < batch
                if not settled:
                    storage.set_plan_mark(
                        mark.planned(version) if finished else mark.replanning(version, last)
                    )
        except (DamagedStore, RefusedWrite):  # a page it cannot read or write, a refused case
            if not isolate or not opened:
                raise
            done, last, count, finished = _replanned_apart(
                storage, version, mark or _UNKNOWN, after, batch, bring, write, failed, shared
            )
        replanned += count
        if settled:
            after = last
        for case, saved in done:
            announce(case, saved)
            kinds.update(event.kind for event in saved)
        if progress is not None and count:
            progress(count)
        if finished and settled:
            return replanned


def _replan_batch(
    storage: Storage,
    version: str,
    cases: list[Case],
    bring: Bring,
    write: Callable[[Sequence[Any]], None],
    failed: list[tuple[str, str]],
    isolate: bool,
) -> tuple[list[tuple[Case, Sequence[CaseEvent]]], str | None, int]:
    """Bring ``cases`` up to date and save them, recording that ``version`` planned each
    (a case the engine failed on, this tick or now, is left as its version planned it);
    the changes saved, the last id read, and how many cases were brought up to date."""
    done: list[tuple[Case, Sequence[CaseEvent]]] = []
    sends: list[Any] = []
    passed_over = [case_id for case_id, _ in getattr(cases, "damaged", ())]
    planned = list(passed_over)
    last = max([case.id for case in cases] + passed_over, default=None)
    given_up = {case_id for case_id, _ in failed}
    for case in cases:
        if case.id in given_up:  # the re-plan of every case failed on it: next tick
            continue
        try:
            events, send = bring(case)
        except Exception as exc:  # this case's failure; the others go on
            if not isolate or isinstance(exc, StorageError):
                raise
            log.error("tick: case %s not re-planned", case.id, exc_info=exc)
            failed.append((case.id, said(exc)))
            continue
        planned.append(case.id)
        if events:
            done.append((case, events))
            sends += send
    if done:  # a tick finding nothing to re-plan writes nothing
        storage.save_many(done)
        write(sends)
    if planned:
        storage.set_planned_by(planned, version)
    return done, last, len(planned) - len(passed_over)


#: What planned a store that records none, when the damage its cases' versions are read
#: through fails that read: versions not known, so every open case is re-planned. The
#: versions of cases that record none read as "" too (``Storage.open_case_versions``).
_UNKNOWN = PlanMark("")


def _batch_read(
    storage: Storage, version: str, mark: PlanMark, after: str | None, batch: int
) -> list[Case]:
    """The next batch of open cases to re-plan: while a re-plan to ``version`` runs, those
    after where it has got to; once it has run, those a superseded version saved since
    (after ``after``, how far this tick has read them)."""
    if mark.version == version and mark.target is None:
        return storage.open_cases_planned_by(mark.superseded, after, batch)
    return storage.open_cases_after(mark.resumes(version), batch)


def _replanned_apart(
    storage: Storage,
    version: str,
    mark: PlanMark,
    after: str | None,
    batch: int,
    bring: Bring,
    write: Callable[[Sequence[Any]], None],
    failed: list[tuple[str, str]],
    shared: dict[str, str],
) -> tuple[list[tuple[Case, Sequence[CaseEvent]]], str | None, int, bool]:
    """The batch ``_batch_read`` reads re-planned case by case (``desk.saved_apart``), after a
    damaged page failed it whole: its ids read from the store's id index, which is apart
    from the rows, and each case it cannot read or save named in ``failed`` and passed
    over. ``_replan_batch``'s answer, and whether the re-plan has read its last case."""
    settled = mark.version == version and mark.target is None
    start = after if settled else mark.resumes(version)
    ids = [case_id for case_id in storage.case_ids() if start is None or case_id > start][:batch]
    given_up = {case_id for case_id, _ in failed}
    apart = saved_apart(
        storage,
        ids,
        bring,
        write,
        failed,
        shared,
        wanted=lambda case: (
            case.is_open
            and case.id not in given_up
            and (not settled or case.planned_by in mark.superseded)
        ),
        recorded=lambda case: storage.set_planned_by([case.id], version),
    )
    last, finished = (ids[-1] if ids else start), len(ids) < batch
    if not settled:
        with storage.hold_plan_mark():
            storage.set_plan_mark(
                mark.planned(version) if finished else mark.replanning(version, last)
            )
    return apart.saved, last, apart.brought, finished


def _forced(storage: Storage, held: PlanMark | None, version: str) -> PlanMark:
    """The record of a re-plan to ``version`` starting from the first case, whatever
    ``held`` says: an operator asked for it (``tick --replan``). A store holding none was
    planned by the versions of its open cases, which it supersedes as a first tick does."""
    return (held or _opened_under(storage, version) or PlanMark(version)).replanning(version, None)


def _first_mark(storage: Storage, version: str) -> PlanMark | None:
    """The record of a store that holds none (``_opened_under``). None but ``version``
    planned it: it records ``version`` and re-plans nothing. Others: a re-plan to
    ``version`` starts, superseding them."""
    mark = _opened_under(storage, version)
    if mark is None:
        storage.set_plan_mark(PlanMark(version))
    return mark


def _opened_under(storage: Storage, version: str) -> PlanMark | None:
    """What planned a store that holds no record: the versions its open cases were opened
    under (or moved to), but ``version`` (their order is not known); None if none other."""
    others = sorted(storage.open_case_versions() - {version})
    return PlanMark(others[-1], superseded=tuple(others[:-1])) if others else None


def _warn_outdated(storage: Storage, version: str, mark: PlanMark) -> None:
    """Once for each store a Desk holds: the tick goes on, with the later version's plan."""
    if storage._outdated_warned:
        return
    storage._outdated_warned = True
    log.warning(
        "tick: policy version %r ticks a store that version %r has planned since; it does "
        "not re-plan back (a rolling deploy?). To re-plan under it, run complaintkit "
        "tick --replan (desk.tick(replan=True)) or give it a version name this store has "
        "not recorded",
        version,
        mark.target or mark.version,
    )
