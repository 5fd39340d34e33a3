"""Re-running one case's history under a policy, in memory.

A rehearsal opens the case again from its complaint at the real received time (the
policy classifies, routes and starts clocks), then plays back what people did — each
recorded agent event, at its recorded time — letting the policy's SLA engine fire every
warning, breach and escalation that falls due in between, and finally everything due by
the horizon (where the stored history ends). The policy's own decisions (classification,
routing, clocks, escalations, compensation amounts) are made afresh; people's actions are
kept. Nothing is stored, no hook or notifier is called.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import takewhile

import attrs

from complaintkit.audit.stored import damaged
from complaintkit.desk.classification import classification_drafts
from complaintkit.desk.compensation import compensation_policy
from complaintkit.desk.customer_cases import customer_cases
from complaintkit.desk.fold import fold
from complaintkit.desk.history import ended_at, open_at, stored_events
from complaintkit.desk.imported import (
    fired_before,
    milestones,
    owner_recorded,
    recorded_clocks,
)
from complaintkit.errors import InvalidInput, NotFound
from complaintkit.model.case import Case
from complaintkit.model.compensation import given_amount, given_by_currency, standing
from complaintkit.model.complaint import Complaint
from complaintkit.model.drafts import SYSTEM, Draft
from complaintkit.model.events import GENESIS, CaseEvent
from complaintkit.model.history import open_case, replay
from complaintkit.model.money import Money
from complaintkit.plugins import Plugins
from complaintkit.policy.assessment import AssessingPolicy, History
from complaintkit.replay.misfiled import Filings
from complaintkit.sla.engine import SlaEngine
from complaintkit.storage.base import CaseQuery, Storage

#: Events the policy makes by itself; a rehearsal makes them afresh instead of replaying.
_DERIVED_BY_POLICY = frozenset({"opened", "classified", "incident_detected"})


def recorded(event: CaseEvent) -> bool:
    """Whether ``event`` is something that happened to the case rather than the policy's
    reaction to it: people's actions, and SLA outcomes recorded by a history import. A
    recorded clock the policy resumed later (the case reopened here) keeps its flag, but
    what the policy did to it is its reaction, played back by the policy."""
    if event.kind in _DERIVED_BY_POLICY:
        return False
    clock = event.data.get("clock")
    imported = event.data.get("imported") is True
    return event.actor != SYSTEM or (
        imported and isinstance(clock, dict) and clock.get("recorded") is True
    )


class StoreHistoryAsOf:
    """A customer's history as it stood when a stored case was opened: their other cases
    opened before it (the store also holds later ones, which intake could not have seen,
    and ones of the same instant, whose order is not known). Only those are read, and a
    count reads no case row, as at intake: a damaged row of the customer's is named by
    itself, not with every other case of theirs (``customer_cases``). A row whose columns
    file it under another customer or opening counts where its events do (``Filings``)."""

    def __init__(
        self,
        storage: Storage,
        case_id: str,
        customer_id: str,
        at: datetime,
        filings: Filings | None = None,
    ) -> None:
        self._filings = filings or Filings(storage)
        self._storage, self._case_id, self._customer_id, self._at = (
            storage,
            case_id,
            customer_id,
            at.astimezone(UTC),  # in UTC: a zoned instant minus days is wall-clock time
        )
        self._cases: list[Case] | None = None

    def _earlier(self) -> list[Case]:
        if self._cases is None:
            asking = f"case {self._case_id}"
            found = customer_cases(self._storage, self._customer_id, self._at, asking)
            found = self._filings.refiled(found, self._before(), asking)
            self._cases = [c for c in found if c.id != self._case_id and c.opened_at < self._at]
        return self._cases

    def _before(self, since: datetime | None = None) -> CaseQuery:
        return CaseQuery(customer_id=self._customer_id, opened_since=since, opened_before=self._at)

    def complaints_in_last_days(self, days: int) -> int:
        return self._filings.count(self._before(self._at - timedelta(days=days)))

    def open_cases(self) -> int:
        events = stored_events(self._storage)
        return sum(open_at(case, self._at, events) for case in self._earlier())


class CompensationAsOf:
    """What a compensation decision on ``case`` at ``at`` saw (the Desk's
    ``StoredCompensationHistory`` then): the customer's cases opened by then, this one
    included, and the money they had offered by then. Each other stored case is taken as
    its events stood at ``at``; this one as rehearsed so far (the candidate's own amounts)."""

    def __init__(
        self, storage: Storage, case: Case, at: datetime, filings: Filings | None = None
    ) -> None:
        self._filings, self._storage = filings or Filings(storage), storage
        self._case, self._at = case, at.astimezone(UTC)  # as above
        self._cases: list[Case] | None = None

    def _as_of(self) -> list[Case]:
        if self._cases is None:
            # opened by then: a damaged row of a later case is none of this one's business
            by = self._at + timedelta(microseconds=1)  # the next instant a datetime holds
            customer, asking = self._case.customer_id, f"case {self._case.id}"
            found = customer_cases(self._storage, customer, by, asking)
            query = CaseQuery(customer_id=customer, opened_before=by)
            found = self._filings.refiled(found, query, asking)
            others = [
                replay(takewhile(lambda e: e.at <= self._at, self._events(c)))
                for c in found
                if c.id != self._case.id and c.opened_at <= self._at
            ]
            self._cases = [*others, self._case]
        return self._cases

    def _events(self, case: Case) -> list[CaseEvent]:
        try:
            return self._storage.events(case.id)
        except (NotFound, InvalidInput):  # the row's body names no id with a history
            raise damaged(
                f"a stored case of customer {case.customer_id}",
                f"its id {case.id!r} names no stored history",
            ) from None

    def complaints_in_last_days(self, days: int) -> int:
        since = self._at - timedelta(days=days)
        return sum(case.opened_at >= since for case in self._as_of())

    def open_cases(self) -> int:
        return sum(case.is_open for case in self._as_of())

    def compensation_total(self, since: datetime, currency: str, kinds: tuple[str, ...]) -> Money:
        entries = (e for c in self._as_of() for e in standing(c.compensation, c.is_open))
        return Money(given_amount(entries, since, currency, kinds), currency)

    def compensation_by_currency(
        self, since: datetime, kinds: tuple[str, ...]
    ) -> dict[str, Decimal]:
        entries = (e for c in self._as_of() for e in standing(c.compensation, c.is_open))
        return given_by_currency(entries, since, kinds)


class SeenHistory:
    """Customer history for complaints read from a file: those earlier in the same file,
    each as its case stood at the horizon (open then, or closed when)."""

    def __init__(self) -> None:
        self._seen: dict[str, list[_Seen]] = {}

    def add(self, complaint: Complaint, case: Case, events: Sequence[CaseEvent]) -> None:
        ended = None if case.is_open else ended_at(case, lambda _: events)
        seen = _Seen(complaint.received_at, ended)
        self._seen.setdefault(complaint.customer.id, []).append(seen)

    def at(self, complaint: Complaint) -> History:
        at = complaint.received_at
        return _Counted([s for s in self._seen.get(complaint.customer.id, []) if s.at < at], at)


@attrs.frozen
class _Seen:
    """What customer history needs of a case rehearsed from a file: not the case itself,
    so a file's replay holds one case in memory."""

    at: datetime
    #: When the case ended (closed, rejected, withdrawn), or ``None`` while it is open.
    ended: datetime | None


class _Counted:
    def __init__(self, seen: list[_Seen], at: datetime) -> None:
        self._seen, self._at = seen, at.astimezone(UTC)  # as above

    def complaints_in_last_days(self, days: int) -> int:
        return sum(s.at >= self._at - timedelta(days=days) for s in self._seen)

    def open_cases(self) -> int:
        # as intake counts an imported complaint's (``open_at``): open still, or ended later
        return sum(s.ended is None or s.ended > self._at for s in self._seen)


class Rehearsal:
    """Re-runs histories under ``policy``; ``storage`` (read only) answers customer
    history and compensation caps, as it would have for the Desk."""

    def __init__(
        self, policy: AssessingPolicy, plugins: Plugins, storage: Storage | None = None
    ) -> None:
        self.policy = policy
        self.plugins = plugins
        self.storage = storage
        #: Where each stored case's events file it, for rows whose columns say otherwise.
        self.filings = None if storage is None else Filings(storage)
        self.sla = None if policy.sla is None else SlaEngine(policy.sla, policy.version)
        #: The recorded proposals of the last case re-run that the policy could not decide
        #: (intake under it would have refused them), each with why; the recorded decision
        #: stands in for each.
        self.undecided: list[str] = []

    def rerun(self, events: Sequence[CaseEvent], horizon: datetime) -> tuple[Case, list[CaseEvent]]:
        """The stored case's history (``events``) re-run under the policy up to ``horizon``."""
        first = events[0]
        self.undecided = []
        complaint = Complaint.from_stored(first.data["complaint"])
        history: History = (
            _Counted([], first.at)
            if self.storage is None or self.filings is None
            else StoreHistoryAsOf(
                self.storage, first.case_id, complaint.customer.id, first.at, self.filings
            )
        )
        engine = self._engine(complaint)
        case, out = self._open(first.case_id, complaint, first.at, history, first.data, engine)
        # the import's own moves run as it ran them; what people did here, as the Desk did:
        # a case imported closed and reopened here runs the clocks of a reopened case
        for (at, imported), ticks, group in _changes(events[1:]):
            live = engine if imported else self.sla
            for tick in ticks:  # the scheduler fired what fell due then, before this change
                self._tick(case, out, tick, live)
            self._sweep_first(case, out, at, live)
            self._change(case, out, at, group, live)
        for tick in _acted_since_last_change(events[1:]):  # the ticks stored since, each then
            self._tick(case, out, tick, self.sla)
        self._tick(case, out, horizon, self.sla)
        return case, out

    def rerun_complaint(
        self, complaint: Complaint, history: History, horizon: datetime, case_id: str
    ) -> tuple[Case, list[CaseEvent]]:
        """A complaint (with any ``history`` record) run under the policy up to ``horizon``:
        opened as intake opens it (the recorded owner, the recorded SLA outcomes), and what
        the record says happened later is left out."""
        engine = self._engine(complaint)
        received = complaint.received_at
        case, out = self._open(case_id, complaint, received, history, {}, engine)
        if complaint.history is not None:
            record = complaint.history
            if owner := owner_recorded(record, case, self.policy.catalog):
                self._change(case, out, received, owner, engine)
            if clocks := recorded_clocks(self.sla, case, record):  # targets of the owner's team
                self._change(case, out, received, clocks, engine)
            for at, drafts in milestones(case, record):
                if at > horizon:  # recorded after the horizon: not happened yet
                    break
                if engine is not None:  # as intake: what fell due by then, at its instant
                    out += fired_before(engine, case, at)
                self._change(case, out, at, drafts, engine)
        self._tick(case, out, horizon, engine)
        return case, out

    # --- steps -------------------------------------------------------------------------

    def _engine(self, complaint: Complaint) -> SlaEngine | None:
        """The SLA engine, unless the complaint was imported closed, or solved at a time its
        record does not give: such a case starts no clock (as at intake), its recorded
        outcomes stand."""
        record = complaint.history
        return self.sla if record is None or record.starts_clocks() else None

    def _open(
        self,
        case_id: str,
        complaint: Complaint,
        at: datetime,
        history: History,
        stored: dict[str, object],
        engine: SlaEngine | None,
    ) -> tuple[Case, list[CaseEvent]]:
        opened = CaseEvent.chained(
            case_id=case_id,
            seq=1,
            kind="opened",
            at=at,
            actor=SYSTEM,
            reason=f"complaint {complaint.external_id} {_came(complaint)} {complaint.channel}",
            data={
                "complaint": complaint.to_json(),
                "status_token": stored.get("status_token", ""),
                "policy_version": self.policy.version,
            },
            prev_hash=GENESIS,
        )
        case = open_case(opened, complaint)
        assessment = self.policy.assess(complaint, history)
        drafts = classification_drafts(self.plugins, complaint, assessment, self.policy.catalog)
        out = [opened, *fold(case, drafts, at, seal=False)]
        out += _react(engine, case, out, at)
        return case, out

    def _change(
        self,
        case: Case,
        out: list[CaseEvent],
        at: datetime,
        drafts: Sequence[Draft | CaseEvent],
        engine: SlaEngine | None,
    ) -> None:
        """Fold one change: the policy's drafts, or recorded events drafted one by one
        (a proposal is decided on the facts set just before it, as the Desk decided it)."""
        previous = (
            None if engine is None else case.copy()
        )  # as the Desk: levels judge the past on it
        done: list[CaseEvent] = []
        for made in drafts:  # a recorded event reads the case as the ones before it left it
            draft = made if isinstance(made, Draft) else self._draft(case, made)
            done += fold(case, [draft], at, seal=False)  # never stored: no hashes
        out += done
        out += _react(engine, case, done, at, previous)

    def _tick(
        self, case: Case, out: list[CaseEvent], horizon: datetime, engine: SlaEngine | None
    ) -> None:
        """What the scheduler's ticks would have fired by ``horizon``."""
        if engine is not None and case.next_deadline is not None and case.next_deadline <= horizon:
            out += fold(case, engine.react(case, (), horizon), horizon, seal=False)

    def _sweep_first(
        self, case: Case, out: list[CaseEvent], at: datetime, engine: SlaEngine | None
    ) -> None:
        """As the Desk (``swept_first``): a change comes after a sweep at its instant, so a
        level this policy has due by then fires before it even where no sweep was stored."""
        if engine is not None and case.is_open and engine.due_by(case, at):
            out += fold(case, engine.react(case, (), at), at, seal=False)

    def _draft(self, case: Case, event: CaseEvent) -> Draft:
        """The recorded event as a draft for the rehearsed case; a proposal is decided
        again under this policy (people proposed; the policy says how much)."""
        data = dict(event.data)
        if event.kind == "compensation_proposed":
            decided = self._decide(case, event)
            if decided is not None:
                data["decision"] = decided
        return Draft(event.kind, data, event.reason, event.actor)

    def _decide(self, case: Case, event: CaseEvent) -> dict[str, object] | None:
        """The candidate's decision; None (keep the recorded one) without a store to
        decide with, or where the candidate cannot decide it (it has no compensation
        section, as the Desk refuses then): then it is said in ``undecided``."""
        if self.storage is None or self.filings is None:
            return None
        facts = event.data.get("decision", {}).get("facts")
        history = CompensationAsOf(self.storage, case, event.at, self.filings)
        try:
            section = compensation_policy(self.policy)
            return section.decide(case, facts, history, now=event.at).to_json()
        except InvalidInput as exc:
            self.undecided.append(
                f"compensation {event.data.get('id')} proposed at {event.at.isoformat()}: {exc}"
            )
            return None


def _changes(
    events: Sequence[CaseEvent],
) -> Iterator[tuple[tuple[datetime, bool], list[datetime], list[CaseEvent]]]:
    """The recorded events in the changes that made them, each with the instants the policy
    acted at since the change before it (ticks, or that change's reaction): a tick fired
    what fell due before the change that follows it, however late it ran. A change is one
    instant and one maker (a history import or not), split where the policy reacted in
    between: two changes at one instant, the second after the first one's escalation."""
    group: list[CaseEvent] = []
    acted: list[datetime] = []  # the instants of the policy's events since the last recorded
    ticks: list[datetime] = []
    for event in events:
        if recorded(event):
            if group and (acted or _made(event) != _made(group[0])):
                yield _made(group[0]), ticks, group
                group = []
            if not group:
                ticks = acted
            acted = []
            group.append(event)
        elif not acted or acted[-1] != event.at:
            acted.append(event.at)
    if group:
        yield _made(group[0]), ticks, group


def _acted_since_last_change(events: Sequence[CaseEvent]) -> list[datetime]:
    """The instants the policy acted at after the last recorded change (the ticks run
    since), in order, each once."""
    acted: list[datetime] = []
    for event in events:
        if recorded(event):
            acted = []
        elif not acted or acted[-1] != event.at:
            acted.append(event.at)
    return acted


def _came(complaint: Complaint) -> str:
    """How the complaint came, as intake's opening says it: imported, or received."""
    return "received on" if complaint.history is None else "imported from"


def _made(event: CaseEvent) -> tuple[datetime, bool]:
    """The instant of ``event`` and whether a history import made it."""
    return event.at, event.data.get("imported") is True


def _react(
    engine: SlaEngine | None,
    case: Case,
    events: Sequence[CaseEvent],
    at: datetime,
    before: Case | None = None,
) -> list[CaseEvent]:
    if engine is None:
        return []
    return fold(case, engine.react(case, events, at, before), at, seal=False)
