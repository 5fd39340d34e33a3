"""The Desk: the embedding API that takes complaints in and moves cases along.

Every method that changes a case follows one path (``_change``): load the case, turn the
request into events, fold them into a copy, save with the version the events follow and,
in the same transaction, enqueue what they must send (``_enqueue``), then tell plugins. A
stale version raises ``Conflict`` and stores nothing.

A *provisional* Desk (``explain``, policy tests, ``check``) works cases the same way but
tells no one: no ``case_event`` hook, no notification, no batch incident.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

import attrs

from complaintkit.clock import Clock, SystemClock
from complaintkit.collector import collector_paused
from complaintkit.delivery.worker import DeliveryReport
from complaintkit.desk import expected_version
from complaintkit.desk.announced_after import AnnouncedAfter
from complaintkit.desk.arrival import check_arrived_by
from complaintkit.desk.caller_actor import named_by_caller
from complaintkit.desk.classification import classification_drafts
from complaintkit.desk.compensation_steps import CompensationSteps
from complaintkit.desk.context import PluginContext
from complaintkit.desk.fold import fits, fold, named_actor, said
from complaintkit.desk.follow_up import follow_up_drafts, set_aside
from complaintkit.desk.hand_over import hand_over
from complaintkit.desk.history import BatchOpenings, StoredHistory
from complaintkit.desk.imported import open_imported
from complaintkit.desk.parts import POLICY_GIVEN, part
from complaintkit.desk.records import Records
from complaintkit.desk.replies import Replies
from complaintkit.desk.steps import swept_first
from complaintkit.desk.taken import Taken, outcome, parsed, retried, same_customer, unexpected
from complaintkit.desk.tick import NO_OUTBOX, Outbox, TickReport, run_tick
from complaintkit.errors import (
    CaseEnded,
    Conflict,
    InvalidInput,
    StepsMissing,
    StorageError,
)
from complaintkit.model.automatic import automatic_withheld
from complaintkit.model.case import Case, Satisfaction
from complaintkit.model.complaint import Complaint
from complaintkit.model.drafts import SYSTEM, Draft
from complaintkit.model.events import GENESIS, CaseEvent
from complaintkit.model.history import FIRST_ANSWER, open_case
from complaintkit.model.ids import new_case_id, new_status_token
from complaintkit.model.instants import aware
from complaintkit.model.lifecycle import SOLVED, Status, check_transition, parse_status
from complaintkit.notify.notifications import Notifications
from complaintkit.plugins import Plugins
from complaintkit.policy.assessment import AssessingPolicy, Assessment, EmptyPolicy
from complaintkit.policy.compiled import load_policy
from complaintkit.sla.engine import SlaEngine
from complaintkit.sla.shown_zone import declared_zones
from complaintkit.storage.arguments import page_size
from complaintkit.storage.base import CaseQuery, EventPage, Storage


def _answerable(case: Case) -> None:
    """Refuse a reply or update to a case that ended (``CaseEnded``): the customer would
    read it as work going on, and a reply racing a withdrawal must not land after it."""
    if not case.is_open:
        raise CaseEnded(case.id, case.status.value)


#: How many times a change is made on a case other writers keep saving before it gives up.
CHANGE_ATTEMPTS = 5


class Desk(CompensationSteps, Records, Replies, AnnouncedAfter):
    """Complaint handling for one policy, one storage and one clock.

    >>> desk = Desk(storage="memory:")            # empty policy: defaults, one owner
    >>> case = desk.intake(complaint)             # the same complaint twice → the same case
    >>> desk.respond(case.id, "我们已收到您的投诉", actor="li.na")
    """

    def __init__(
        self,
        policy: AssessingPolicy | str | os.PathLike[str] | None = None,
        *,
        storage: Storage | str = "memory:",
        clock: Clock | None = None,
        plugins: Plugins | None = None,
        configuration: Mapping[str, Any] | None = None,
        provisional: bool = False,
    ) -> None:
        self.plugins = plugins if plugins is not None else Plugins()
        part("plugins", isinstance(self.plugins, Plugins), "a Plugins")
        if isinstance(policy, str | os.PathLike):  # a policy file or folder, with these plugins
            policy = load_policy(Path(policy), plugins=self.plugins)
        self.policy: AssessingPolicy = policy if policy is not None else EmptyPolicy()
        self.storage = self.plugins.open_storage(storage) if isinstance(storage, str) else storage
        self.clock = clock if clock is not None else SystemClock()
        part("policy", callable(getattr(self.policy, "assess", None)), POLICY_GIVEN)
        part("storage", isinstance(self.storage, Storage), "a Storage or a storage URL")
        part("clock", callable(getattr(self.clock, "now", None)), "a Clock (its now())")
        #: what plugins get: this Desk, its storage, clock and policy, and ``configuration``
        self.context = PluginContext(self, configuration or {})
        #: a provisional Desk tells no one (no lifecycle hooks, no notifications)
        self.provisional = provisional
        sla, compensation = self.policy.sla, self.policy.compensation
        self.sla: SlaEngine | None = None if sla is None else SlaEngine(sla, self.policy.version)
        self.shown_zones = declared_zones(sla)  #: where people read a case's instants
        self.notifications = (
            None
            if provisional or self.policy.notifications is None
            else Notifications(
                self.policy.notifications,
                self.plugins,
                self.storage,
                self.clock,
                self.context,
                zone_of=self.shown_zones,
                catalog=self.policy.catalog,
                thresholds=() if compensation is None else compensation.thresholds,
            )
        )
        #: Set after each change that enqueued deliveries; a delivery loop waits on it.
        self.outbox_ready = threading.Event()

    # --- intake ------------------------------------------------------------------------

    def intake(
        self,
        complaint: Complaint | Mapping[str, Any],
        *,
        acknowledgement_withheld: str | None = None,
    ) -> Case:
        """Open a case for ``complaint``, or return the case it already opened, or the case
        whose letter it answers, on which it is recorded (``desk.replies``).

        ``acknowledgement_withheld``: why the customer is sent nothing on ``opened`` (the
        limit per address of the form and of unsigned POST /complaints); the ``opened``
        event records it. A complaint software sent (``model.automatic``) has one anyway.
        ``KeyConflict`` if its key is held by another customer's complaint, ``KeyReused`` if
        by this customer's with a field changed (a correction or a new complaint, never
        passed off as a retry: ``desk.resent``)."""
        if not isinstance(complaint, Complaint):
            complaint = Complaint.from_json(complaint)
        existing = self.storage.find_by_key(*complaint.key)
        if existing is not None:
            return retried(Taken(same_customer(existing, complaint), created=False), complaint).case
        replied = self._reply(complaint)  # an e-mail answering one of a case's letters
        if replied is not None:
            return replied[0]
        now = self.clock.now()
        history = StoredHistory(self.storage, complaint.customer.id, now)
        case, events = self._open(complaint, history, now, acknowledgement_withheld)
        with self._transaction():
            stored, created = self.storage.intake(case, events)
            if created:
                self._enqueue([(stored, events)])
        if created:
            self._announce(stored, events)
        return retried(Taken(same_customer(stored, complaint), created), complaint).case

    def intake_many(
        self,
        complaints: Iterable[Complaint | Mapping[str, Any]],
        *,
        withheld: Mapping[int, str] | None = None,
    ) -> list[Taken | InvalidInput]:
        """Take a batch in with one storage transaction (group commit): for each complaint
        in order, its case (``Taken``) or the ``InvalidInput`` that refused it.
        ``withheld``: positions in the batch whose customer is sent nothing on opening,
        with why (as ``intake``'s ``acknowledgement_withheld``).

        One commit, hence one fsync, for the whole batch is what lets durable intake keep
        up with bulk imports; a crash leaves all of the batch or none of it. Each complaint
        is assessed as ``intake`` would, with the customer's earlier complaints in the same
        batch counted in its history; the same key twice yields one case, and a key given
        again with a field changed, in the batch or stored, is ``KeyReused``.

        A refused complaint never stops the others, whatever refused it: invalid data, a
        key held by another customer (``KeyConflict``), a plugin or policy that raised
        (``InvalidInput`` naming the exception), or a backend that cannot store it (the
        batch is then stored one complaint at a time around it). Only ``StorageError`` —
        the backend itself failing — propagates.

        Python's cyclic garbage collector is paused while the batch is worked on
        (``complaintkit.collector``): its cases, alive together, set off collections that
        walk the application's whole heap, though a batch makes no reference cycles.
        """
        with collector_paused():
            return self._intake_batch(complaints, withheld or {})

    def _intake_batch(
        self, complaints: Iterable[Complaint | Mapping[str, Any]], withheld: Mapping[int, str]
    ) -> list[Taken | InvalidInput]:
        results: list[Taken | InvalidInput | int] = []
        pending: list[tuple[Case, list[CaseEvent]]] = []
        batch_keys: dict[tuple[str, str], int] = {}
        opened: dict[str, list[Case]] = {}
        repeats: set[int] = set()
        items = [parsed(item) for item in complaints]
        keys = {c.key for c in items if isinstance(c, Complaint)}
        held = self.storage.find_by_keys(keys)  # one look-up for the batch
        customers = {c.customer.id for c in items if isinstance(c, Complaint)}
        openings = BatchOpenings(self.storage, customers)  # their history: one query
        for position, complaint in enumerate(items):
            if isinstance(complaint, InvalidInput):
                results.append(complaint)
                continue
            try:
                if complaint.key in batch_keys:  # the same case as its first occurrence
                    first = pending[batch_keys[complaint.key]][0]
                    retried(Taken(same_customer(first, complaint), created=False), complaint)
                    repeats.add(len(results))
                    results.append(batch_keys[complaint.key])
                    continue
                existing = held.get(complaint.key)
                if existing is not None:
                    held_case = same_customer(existing, complaint)
                    results.append(retried(Taken(held_case, created=False), complaint))
                    continue
                replied = self._reply(complaint)
                if replied is not None:  # recorded on the case of the letter it answers
                    held[complaint.key] = replied[0]  # (given twice: the second is known)
                    results.append(Taken(replied[0], created=False, reply=replied[1]))
                    continue
                now, customer = self.clock.now(), complaint.customer.id
                earlier = opened.setdefault(customer, [])
                history = StoredHistory(self.storage, customer, now, earlier, openings=openings)
                case, events = self._open(complaint, history, now, withheld.get(position))
            except InvalidInput as exc:
                results.append(exc)
                continue
            except StorageError:
                raise
            except Exception as exc:  # a plugin or policy bug costs this complaint only
                results.append(unexpected(exc))
                continue
            earlier.append(case)
            batch_keys[complaint.key] = len(pending)
            results.append(len(pending))
            pending.append((case, events))
        outcomes = self._store(pending)
        for done, (_, events) in zip(outcomes, pending, strict=True):
            if not isinstance(done, InvalidInput) and done[1]:
                self._announce(done[0], events)
        return [
            outcome(outcomes[r], pending[r][0], at in repeats) if isinstance(r, int) else r
            for at, r in enumerate(results)
        ]

    def _store(
        self, pending: list[tuple[Case, list[CaseEvent]]]
    ) -> list[tuple[Case, bool] | InvalidInput]:
        """Store the batch in one transaction; if the backend refuses it, store each half
        on its own, down to the complaint it cannot store, which alone is refused."""
        try:  # the batch and what it must send, together; in another block (a retried
            # letter's), a savepoint: a half the backend refused is undone alone
            with self.storage.transaction():
                stored = self.storage.intake_many(pending)
                new = zip(stored, pending, strict=True)
                self._enqueue([(case, events) for (case, made), (_, events) in new if made])
            return [*stored]
        except StorageError:
            raise
        except Exception as exc:  # e.g. a value the backend's driver cannot encode
            if len(pending) == 1:
                return [unexpected(exc)]
        half = len(pending) // 2
        return self._store(pending[:half]) + self._store(pending[half:])

    def _open(
        self,
        complaint: Complaint,
        history: StoredHistory,
        now: datetime,
        acknowledgement_withheld: str | None = None,
    ) -> tuple[Case, list[CaseEvent]]:
        """The new case for ``complaint`` and its first events, assessed but not stored."""
        check_arrived_by(complaint, now)
        if complaint.history is not None:  # what another system already did: back-dated
            return self._planned(*open_imported(self, complaint, history))
        case_id = new_case_id(now)
        withheld = acknowledgement_withheld
        if withheld is None:  # a message software sent: no automatic reply (RFC 3834)
            withheld = automatic_withheld(complaint)
        opened = CaseEvent.chained(
            case_id=case_id,
            seq=1,
            kind="opened",
            at=now,
            actor=SYSTEM,
            reason=f"complaint {complaint.external_id} received on {complaint.channel}",
            data={
                "complaint": complaint.to_json(),
                "status_token": new_status_token(),
                "policy_version": self.policy.version,
                **({} if withheld is None else {"acknowledgement_withheld": withheld}),
            },
            prev_hash=GENESIS,
        )
        case = open_case(opened, complaint)
        case.written_complaints = (case.complaints, [opened.data["complaint"]])  # stored as is
        drafts = self._classification(complaint, self.policy.assess(complaint, history))
        events = [opened, *fold(case, drafts, now)]
        events += fold(case, self._sla_react(case, events, now), now)
        return self._planned(case, events)

    def _classification(self, complaint: Complaint, assessment: Assessment) -> list[Draft]:
        return classification_drafts(self.plugins, complaint, assessment, self.policy.catalog)

    # --- moving a case along -----------------------------------------------------------

    def respond(self, case_id: str, message: str, *, actor: str) -> Case:
        """Send the customer a response; the first one stops the first-response clock."""
        said(message, "message")

        def drafts(case: Case) -> list[Draft]:
            _answerable(case)
            out = [Draft("responded", {"message": message, "visible": True}, actor=actor)]
            if case.status in (Status.RECEIVED, Status.REOPENED):
                target = (
                    Status.ACKNOWLEDGED if case.status is Status.RECEIVED else Status.INVESTIGATING
                )
                out.append(self._move(case, target, actor, "first response sent"))
            return out

        return self._change(case_id, drafts)

    def update(self, case_id: str, message: str, *, actor: str) -> Case:
        """Tell the customer how it is going (实时进度同步); they see it on their status page."""
        said(message, "message")

        def drafts(case: Case) -> list[Draft]:
            _answerable(case)
            visible = {"message": message, "visible": True}
            return [Draft("responded", visible, "progress update", actor)]

        return self._change(case_id, drafts)

    def note(self, case_id: str, text: str, *, actor: str) -> Case:
        """Record an internal note; the customer never sees it."""
        said(text, "text")
        return self._change(case_id, lambda case: [Draft("noted", {"text": text}, actor=actor)])

    def assign(
        self, case_id: str, owner: str, *, actor: str, team: str | None = None, reason: str = ""
    ) -> Case:
        """Give the case a new named owner (不推诿: exactly one at a time): one of its team's
        members, when the team lists them (``hand_over``)."""
        return self._change(case_id, hand_over(self.policy.catalog, owner, team, reason, actor))

    def transition(self, case_id: str, to: Status | str, *, actor: str, reason: str = "") -> Case:
        """Move the case to another status (``resolve`` resolves: letters say how it was)."""
        target = parse_status(to, "to")
        if target is Status.RESOLVED:
            raise InvalidInput("to", "a case is resolved by resolve, which says how it was")

        def drafts(case: Case) -> list[Draft]:
            move = self._move(case, target, actor, reason)  # an illegal move is refused first
            if target is Status.REOPENED:  # however it is moved back, the history says why
                said(reason, "reason", "say why the case is reopened")
            return [move, *set_aside(case, target, actor)]

        return self._change(case_id, drafts)

    def resolve(self, case_id: str, resolution: str, *, actor: str) -> Case:
        """Mark the problem solved, saying how."""
        said(resolution, "resolution", "say how the complaint was resolved")

        def drafts(case: Case) -> list[Draft]:
            return [self._move(case, Status.RESOLVED, actor, "resolved", resolution=resolution)]

        return self._change(case_id, drafts)

    def close(self, case_id: str, *, actor: str, reason: str = "") -> Case:
        return self.transition(case_id, Status.CLOSED, actor=actor, reason=reason)

    def reopen(self, case_id: str, *, actor: str, reason: str) -> Case:
        return self.transition(case_id, Status.REOPENED, actor=actor, reason=reason)

    def follow_up(self, case_id: str, score: int, comment: str = "", *, actor: str) -> Case:
        """Record the follow-up visit (回访) and the customer's satisfaction, 1 to 5: once
        per resolution, never on a closed case (``FollowUpLocked``)."""
        return self._record_follow_up(case_id, Satisfaction(score, comment), named_actor(actor))

    def _record_follow_up(self, case_id: str, satisfaction: Satisfaction, actor: str) -> Case:
        return self._change(
            case_id, lambda case: follow_up_drafts(case, satisfaction, actor, self._move)
        )

    def follow_up_refused(self, case_id: str, comment: str = "", *, actor: str) -> Case:
        """Record a follow-up visit at which the customer declined to rate the handling; it
        satisfies a gate that requires ``satisfaction`` as a score does."""
        return self._record_follow_up(
            case_id, Satisfaction(None, comment, refused=True), named_actor(actor)
        )

    # --- reading -----------------------------------------------------------------------

    @property
    def zone(self) -> tzinfo:
        """The policy's home timezone (its default calendar's), UTC without one: complaints
        taken in without a time are stamped in it, customers read times in it, and reports
        count days in it."""
        if self.sla is None:
            return UTC
        policy = self.sla.policy
        calendar = policy.calendars.get(policy.default_calendar)
        return UTC if calendar is None else calendar.zone

    def get(self, case_id: str) -> Case:
        return self.storage.get(case_id)

    def find(self, **filters: Any) -> list[Case]:
        """Cases matching ``CaseQuery`` filters: status, customer_id, owner, category…"""
        return self.storage.find(CaseQuery.given(filters))

    def history(self, case_id: str) -> list[CaseEvent]:
        return self.storage.events(case_id)

    def events_since(self, cursor: str | None = None, limit: int = 100) -> EventPage:
        """Every stored event after ``cursor``, across cases, in commit order: a publisher
        that missed some (it was down) catches up from the last cursor it kept.

        >>> page = desk.events_since(None)       # from the beginning
        >>> page = desk.events_since(page.cursor)  # only what came after
        """
        page_size(limit, least=1)
        return self.storage.events_since(cursor, limit)

    # --- the one path every change takes -----------------------------------------------

    def _move(self, case: Case, target: Status, actor: str, reason: str, **extra: Any) -> Draft:
        check_transition(case.id, case.status, target)
        if target in SOLVED and case.first_response_at is None:
            extra[FIRST_ANSWER] = True
        return Draft(
            "transitioned", {"from": case.status.value, "to": target.value, **extra}, reason, actor
        )

    def _change(self, case_id: str, make: Callable[[Case], list[Draft]]) -> Case:
        """Make ``make``'s change on the stored case. One another writer (a tick, an agent)
        saved meanwhile is read again and the change made anew on it, refused if it no
        longer fits; ``Conflict`` only when the case keeps moving under it."""
        for _ in range(CHANGE_ATTEMPTS - 1):
            with suppress(Conflict):
                return self._change_once(case_id, make)
        return self._change_once(case_id, make)

    def _change_once(self, case_id: str, make: Callable[[Case], list[Draft]]) -> Case:
        case = self.storage.get(case_id)
        expected_version.check(case)  # read again after a Conflict, so checked again
        now = self.clock.now()
        if now < case.updated_at:  # a case's history never runs backwards
            raise InvalidInput(
                "now",
                f"case {case_id} was last changed at {case.updated_at.isoformat()}, after this "
                f"change's {now.isoformat()}: check this Desk's clock (or a tick given a "
                "later --now)",
            )
        swept = swept_first(self.sla, case, now)  # a change comes after a sweep at its instant
        before = case.status
        drafts = make(case)
        if not drafts and not swept:  # nothing changes (an owner it has): nothing to store
            return case
        for draft in drafts:  # a caller's reason, on whichever change it gave one
            fits(draft.reason, "reason")
        named_by_caller(drafts)
        previous = None if self.sla is None else case.copy()  # level guards judge the past on it
        events = fold(case, drafts, now)
        if case.status is not before:
            self._check_gates(case, drafts)
        events += fold(case, self._sla_react(case, events, now, previous), now)
        stored = [event for _, step in swept for event in step] + events
        self._planned(case, stored)
        with self._transaction():
            self.storage.save(case, stored)
            self._enqueue([*swept, (case, events)])  # the change's own letters: after it
        expected_version.met()
        self._announce(case, stored)
        return case

    def _check_gates(self, case: Case, drafts: Sequence[Draft]) -> None:
        """Refuse a move the policy's gates guard while a required step is missing; the
        case is checked as it would be after the change, so a follow-up that records the
        score and moves on in one call passes — but a resolution that is the first answer
        (``FIRST_ANSWER``) is no reply sent before it, which a gate may ask for."""
        gates, checked = self.policy.gates, case
        if any(d.kind == "transitioned" and d.data.get(FIRST_ANSWER) for d in drafts):
            checked = attrs.evolve(case, first_response_at=None)
        missing = [] if gates is None else gates.unmet(checked, case.status)
        if missing:
            raise StepsMissing(
                case.id, case.status.value, [(m.gate, m.step, m.message) for m in missing]
            )

    # --- SLA clocks and escalation -----------------------------------------------------

    def _sla_react(
        self, case: Case, events: Sequence[CaseEvent], now: datetime, before: Case | None = None
    ) -> list[Draft]:
        """The SLA engine's answer to a change: clock, escalation and schedule drafts."""
        return [] if self.sla is None else self.sla.react(case, events, now, before)

    def _planned(self, case: Case, events: list[CaseEvent]) -> tuple[Case, list[CaseEvent]]:
        """``case`` about to be saved, marked as planned by this Desk's SLA engine."""
        if self.sla is not None:
            case.planned_by = self.sla.version
        return case, events

    def tick(
        self,
        now: datetime | None = None,
        *,
        batch: int = 500,
        progress: Callable[[int], None] | None = None,
        replan: bool = False,
    ) -> TickReport:
        """Fire every warning, breach and escalation due by ``now``, through the storage's
        indexed due query; idempotent, and a late tick catches up in time order.
        ``progress`` is called with the number of cases each batch handled. A case the
        engine fails on is left due and named in ``failed`` (a provisional Desk raises).
        ``now`` defaults to the Desk's clock. A later one records what falls due by then
        as having happened (a simulation's sweep); the cases it moves then refuse changes
        stamped earlier, so a real store is swept at its clock's now. ``replan``: re-plan
        every open case first, whatever version the store records (``desk.replan``)."""
        when = self.clock.now() if now is None else aware(now, "now")
        if self.sla is None:
            return TickReport(when)
        sends = self.notifications
        outbox = NO_OUTBOX if sends is None else Outbox(sends.prepare, sends.write)
        steps = (self.storage, self.sla, self._announce, when, batch, outbox, progress)
        return run_tick(*steps, isolate=not self.provisional, replan=replan)

    # --- what changes send: the outbox ------------------------------------------------------

    def _transaction(self) -> AbstractContextManager[None]:
        """A transaction joining a change to its outbox rows; none if the policy sends nothing."""
        return self.storage.transaction() if self.notifications is not None else nullcontext()

    def _enqueue(self, changes: Sequence[tuple[Case, Sequence[CaseEvent]]]) -> None:
        """Write what ``changes`` must send to the outbox, inside their transaction."""
        if self.notifications is not None:
            self.notifications.enqueue(changes)

    def deliver(
        self,
        now: datetime | None = None,
        *,
        stop: threading.Event | None = None,
        sending: threading.Event | None = None,
    ) -> DeliveryReport:
        """Send what is due by ``now`` (default: the clock's now) as ``DeliveryWorker.run_once``
        does, ``stop`` and ``sending`` as there; a no-op without a ``notifications`` policy
        section. ``busy`` in the report means another worker holds this store's outbox."""
        now = None if now is None else aware(now, "now")
        if self.notifications is None:
            return DeliveryReport()
        return self.notifications.deliver(now, stop=stop, sending=sending)

    def _announce(self, case: Case, events: Sequence[CaseEvent]) -> None:
        if self.provisional or self._held_back(case, events):  # ``announcing_after``
            return
        if self.notifications is not None and not self.outbox_ready.is_set():
            self.outbox_ready.set()  # already set: the delivery loop has yet to clear it
        self.plugins.case_events(events, case, self.context)
