"""Replays: stored cases against a candidate policy, or a file of complaints against two.

``replay_store`` compares what happened (the stored cases) with what the candidate would
have done; ``replay_file`` compares a baseline policy with a candidate on complaints that
were never stored (a policy change under review). Both stream: one case in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import closing
from datetime import UTC, datetime, tzinfo
from itertools import takewhile
from pathlib import Path

import attrs

from complaintkit.audit.stored import UNREADABLE, damaged, problem_of
from complaintkit.channels.base import Rejected
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.clock import Clock, SystemClock
from complaintkit.desk.arrival import check_arrived_by
from complaintkit.desk.classification import HOOK_FIELD
from complaintkit.desk.resent import changed_since, digests
from complaintkit.errors import (
    ComplaintkitError,
    DamagedRecord,
    IllegalTransition,
    InvalidInput,
    KeyConflict,
    KeyReused,
    NotFound,
    PluginError,
    PolicyError,
)
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins
from complaintkit.policy.assessment import AssessingPolicy
from complaintkit.replay.comparison import Comparison
from complaintkit.replay.histories import DamagedCase, history_end, rebuilt
from complaintkit.replay.outcome import Outcome
from complaintkit.replay.rehearsal import Rehearsal, SeenHistory
from complaintkit.replay.stored_cases import StoredHistory, stored_cases
from complaintkit.reports.scope import Scope
from complaintkit.sla.shown_zone import declared_zones, shown_zone
from complaintkit.storage.base import Storage


@attrs.frozen
class Detail:
    """One case both ways, event by event (``replay --case``)."""

    case_id: str
    changes: list[str]
    current: Outcome
    candidate: Outcome
    current_events: list[CaseEvent]
    candidate_events: list[CaseEvent]
    #: Where the case's people read its instants (the text shows them there).
    zone: tzinfo | None = None

    def to_json(self) -> dict[str, object]:
        def timeline(events: list[CaseEvent]) -> list[dict[str, str]]:
            return [
                {"at": e.at.isoformat(), "kind": e.kind, "actor": e.actor, "reason": e.reason}
                for e in events
            ]

        return {
            "case_id": self.case_id,
            "changes": self.changes,
            "current": {**self.current.to_json(), "events": timeline(self.current_events)},
            "candidate": {**self.candidate.to_json(), "events": timeline(self.candidate_events)},
        }


@attrs.define
class Replay:
    """A finished replay: the comparison, the horizon it ran to, any detailed case, and
    what could not be run: ``rejected`` by a policy, ``damaged`` in the store (case id,
    problem), each left out of the comparison."""

    comparison: Comparison
    horizon: datetime | None
    detail: Detail | None = None
    rejected: list[tuple[str, str]] = attrs.field(factory=list)
    damaged: list[tuple[str, str]] = attrs.field(factory=list)
    #: Now, when the horizon is later: what falls due after it no tick can have stored.
    past_now: datetime | None = None
    #: The candidate's home zone, where the text shows the horizon and now (None: as run).
    zone: tzinfo | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "horizon": None if self.horizon is None else self.horizon.isoformat(),
            "past_now": None if self.past_now is None else self.past_now.isoformat(),
            **self.comparison.to_json(),
            "rejected": [{"source": s, "error": r} for s, r in self.rejected],
            "damaged": [{"case_id": c, "problem": p} for c, p in self.damaged],
            "case": None if self.detail is None else self.detail.to_json(),
        }


def replay_store(
    storage: Storage,
    candidate: AssessingPolicy,
    plugins: Plugins,
    scope: Scope | None = None,
    *,
    horizon: datetime | None = None,
    limit: int = 50,
    case_id: str | None = None,
    now: datetime | None = None,
) -> Replay:
    """Every stored case in ``scope`` (or only ``case_id``, in detail) re-run under
    ``candidate`` up to ``horizon`` (default: where the stored history ends). ``now`` (the
    Desk's clock) bounds the work counted as ticks' lag: what falls due later no tick can
    have stored yet.

    Both sides stand as of ``horizon``: what was stored by then against what the candidate
    would have made of it, over the cases opened by then. A damaged case is named in
    ``damaged`` and the others are compared: one broken record loses no other."""
    unreadable: list[DamagedCase] = []
    if horizon is None:
        horizon, unreadable = history_end(storage, scope)
    ticked_by = horizon if now is None or horizon is None else min(horizon, now)
    past_now = None if ticked_by == horizon else ticked_by
    zones = declared_zones(candidate.sla)
    result = Replay(
        Comparison(limit=limit),
        horizon,
        past_now=past_now,
        zone=None if zones is None else zones.home,
    )
    result.damaged.extend(_named(d) for d in unreadable if case_id in (None, d.case_id))
    skipped = {d.case_id for d in unreadable}
    if horizon is None:  # an empty store, or one whose every case row is damaged or gone
        result.damaged.extend(_named(d) for d in _rowless(storage, scope, case_id, skipped))
        if case_id is not None and not result.damaged:  # as for a store holding others
            raise NotFound(f"case {case_id!r}: the store holds no case")
        return result
    rehearsal = Rehearsal(candidate, plugins, storage)
    # closed even when an error stops the run: a stream holds a read transaction
    with closing(stored_cases(storage, scope or Scope(), horizon, case_id)) as histories:
        for history in histories:
            if isinstance(history, DamagedCase):
                if history.case_id not in skipped:
                    result.damaged.append(_named(history))
                continue
            events = _as_of(history.events, horizon)
            if events[0].case_id in skipped:  # named already: its row is damaged
                continue
            try:
                current, outcome, case, rerun = _both_ways(rehearsal, history, events, horizon)
            except (PolicyError, PluginError) as exc:  # the candidate's, or a plugin's it
                # runs (an operator raising on this case): name the case, compare the rest
                result.rejected.append((f"case {events[0].case_id}", _cannot_rerun(exc)))
                continue
            except DamagedRecord as exc:  # its own record, or one it reads: name it, go on
                result.damaged.append(_named(DamagedCase(events[0].case_id, exc)))
                continue
            result.rejected.extend(
                (
                    f"case {events[0].case_id}",
                    f"the candidate policy cannot decide {undecided}; "
                    "the recorded decision is counted for it",
                )
                for undecided in rehearsal.undecided
            )
            # due by then, yet no tick stored it
            lagging = current.due is not None and ticked_by is not None and current.due <= ticked_by
            changes = result.comparison.add(current, outcome, lagging=lagging)
            if case_id is not None:
                zone = shown_zone(case, zones)
                result.detail = Detail(case_id, changes, current, outcome, events, rerun, zone)
    if case_id is not None and result.detail is None and not (result.rejected or result.damaged):
        within = "" if scope is None or scope == Scope() else " in the time range asked"
        raise NotFound(f"case {case_id!r} was not opened{within} by {horizon.isoformat()}")
    return result


#: Later than any stored instant: no case row says where the history ends.
_NO_HORIZON = datetime.max.replace(tzinfo=UTC)


def _rowless(
    storage: Storage, scope: Scope | None, case_id: str | None, skipped: set[str]
) -> Iterator[DamagedCase]:
    """The damage a store with no readable case row still holds beside the rows named
    (``skipped``): events stored without a row. Unnamed, such a store would replay as
    empty, "0 would change", while ``audit verify`` finds every case altered."""
    with closing(stored_cases(storage, scope or Scope(), _NO_HORIZON, case_id)) as histories:
        for history in histories:
            if isinstance(history, DamagedCase) and history.case_id not in skipped:
                yield history


def _named(damage: DamagedCase) -> tuple[str, str]:
    return damage.case_id, str(damage.error)


def _cannot_rerun(exc: PolicyError | PluginError, which: str = "candidate") -> str:
    """Why a policy cannot re-run a case, on one line (a ``unique`` table two of whose
    rows match it): intake under it would have refused the complaint — or dead-lettered
    it, a plugin failing on it (its operator raising)."""
    said = "; ".join(" ".join(line.split()) for line in str(exc).splitlines())
    if isinstance(exc, PluginError):
        return f"a plugin failed re-running it under the {which} policy: {said}"
    return f"the {which} policy cannot re-run it: {said}"


def _both_ways(
    rehearsal: Rehearsal, history: StoredHistory, events: list[CaseEvent], horizon: datetime
) -> tuple[Outcome, Outcome, Case, list[CaseEvent]]:
    """The stored outcome of ``history`` as of ``horizon`` (its ``events`` by then), the
    rehearsal's, its case and its events; a history too broken to re-run is a
    ``DamagedRecord`` naming its case (an error of a plugin, the policy or the store is
    theirs, and passes as it is: a ``classify_complaint`` plugin's failure, which intake
    gives as ``InvalidInput``, as a ``PluginError``)."""
    stored = history.case if len(events) == len(history.events) else rebuilt(events)
    try:
        current = Outcome.of(stored, events)
        case, rerun = rehearsal.rerun(events, horizon)
        return current, Outcome.of(case, rerun), case, rerun
    except UNREADABLE as exc:
        if isinstance(exc, ComplaintkitError) and not isinstance(
            exc, InvalidInput | IllegalTransition
        ):
            raise
        if isinstance(exc, InvalidInput) and exc.field == HOOK_FIELD:  # no damage: a plugin's
            raise PluginError(str(exc)) from exc
        raise damaged(
            f"case {events[0].case_id}", f"its history cannot be replayed: {problem_of(exc)}"
        ) from None


def _as_of(events: Sequence[CaseEvent], horizon: datetime) -> list[CaseEvent]:
    """The part of a stored history recorded by ``horizon`` (empty: opened after it)."""
    return list(takewhile(lambda event: event.at <= horizon, events))


def _complaints(
    path: Path, rejected: list[tuple[str, str]], now: datetime
) -> Iterator[tuple[str, Complaint]]:
    """The file's complaints, each with its line (``old.jsonl:3``), as intake would take
    them in at ``now``: a line it cannot read, or dated later than ``now``, is rejected; a
    key read before is the same complaint again (skipped) or, with another customer or
    content, rejected as intake would. Every refusal names its line."""
    seen: dict[tuple[str, str], tuple[str, dict[str, int], int | None]] = {}  # no texts
    channel = JsonLinesChannel()
    for item in channel.read(str(path)):
        if isinstance(item, Rejected):
            rejected.append((item.source, item.reason))
            continue
        where = channel.location or path.name
        content = (item.customer.id, digests(item), _hash(item))
        known = seen.setdefault(item.key, content)
        try:
            check_arrived_by(item, now)
            if known[0] != content[0]:
                raise KeyConflict(*item.key)
            if changed := changed_since(known[1], item):
                raise KeyReused(*item.key, changed)
            if content[2] not in (None, known[2]):
                raise KeyReused(
                    *item.key,
                    other="another recorded history than",
                    hint=": an import updates no case",
                )
        except InvalidInput as exc:
            rejected.append((where, str(exc)))
            continue
        if known is content:  # the first time the key is read
            yield where, item


def _hash(complaint: Complaint) -> int | None:
    """The recorded history's hash, or None without one (then the key's first record
    stands, as at intake)."""
    if complaint.history is None:
        return None
    return hash(json.dumps(complaint.history.to_json(), sort_keys=True))


def _rejects(path: Path, now: datetime) -> list[tuple[str, str]]:
    rejected: list[tuple[str, str]] = []
    for _ in _complaints(path, rejected, now):
        pass
    return rejected


def _file_end(path: Path, now: datetime) -> datetime | None:
    ends = (
        max([c.received_at, *(c.history.instants() if c.history else [])])
        for _, c in _complaints(path, [], now)
    )
    return max(ends, default=None)


def replay_file(
    baseline: AssessingPolicy,
    candidate: AssessingPolicy,
    plugins: Plugins,
    path: Path,
    *,
    horizon: datetime | None = None,
    limit: int = 50,
    case_id: str | None = None,
    clock: Clock | None = None,
    scope: Scope | None = None,
) -> Replay:
    """Each complaint of a JSON-lines file (received in ``scope``'s time range) run under
    both policies up to ``horizon`` (default: the latest instant in the file); cases are
    named ``channel:external_id``. ``clock`` says when now is: what is dated later is
    refused, as intake refuses it."""
    scope = scope or Scope()
    now = (clock or SystemClock()).now()
    horizon = horizon or _file_end(path, now)
    zones = declared_zones(candidate.sla)
    result = Replay(Comparison(limit=limit), horizon, zone=None if zones is None else zones.home)
    if horizon is None:  # no readable complaint: only what could not be read to report
        if case_id is not None:
            raise NotFound(f"no complaint {case_id!r} replayed from {path.name} (none read)")
        result.rejected.extend(_rejects(path, now))
        return result
    before, after = Rehearsal(baseline, plugins), Rehearsal(candidate, plugins)
    seen = SeenHistory()
    named: tuple[str, str] | None = None
    for where, complaint in _complaints(path, result.rejected, now):
        if complaint.received_at > horizon:  # not received yet at the horizon
            continue
        history = seen.at(complaint)
        name = ":".join(complaint.key)
        covered = scope.covers(complaint.received_at)
        which = "baseline"
        try:
            old_case, old = before.rerun_complaint(complaint, history, horizon, name)
            if not covered:  # still the customer's past for the rest
                seen.add(complaint, old_case, old)
                continue
            which = "candidate"
            new_case, new = after.rerun_complaint(complaint, history, horizon, name)
        except (InvalidInput, PolicyError, PluginError) as exc:  # name the line, go on
            if covered:
                why = str(exc) if isinstance(exc, InvalidInput) else _cannot_rerun(exc, which)
                result.rejected.append((where, why))
                if name == case_id:
                    named = (where, why)
            continue
        seen.add(complaint, old_case, old)
        current, outcome = Outcome.of(old_case, old), Outcome.of(new_case, new)
        changes = result.comparison.add(current, outcome)
        if name == case_id:
            zone = shown_zone(new_case, zones)
            result.detail = Detail(name, changes, current, outcome, old, new, zone)
    if named is not None:  # the case asked for could not be run: why, not "not found"
        result.rejected = [named]
    elif case_id is not None and result.detail is None:  # as for a store: say so
        raise NotFound(
            f"no complaint {case_id!r} replayed from {path.name} (by {horizon.isoformat()})"
        )
    return result
