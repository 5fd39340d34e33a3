"""In-memory storage: for tests and throwaway runs. Keeps copies, never live objects: what
a caller changes in a case or event it read or saved never reaches the store."""

from __future__ import annotations

import functools
import itertools
import json
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import attrs

from complaintkit.delivery.outgoing import Attempt, Delivery, Outgoing, State
from complaintkit.errors import BadStorageURL, Conflict, NotFound
from complaintkit.model.case import Case
from complaintkit.model.detached import detached_case, detached_event
from complaintkit.model.events import CaseEvent
from complaintkit.model.jsonvalues import printable
from complaintkit.storage.base import (
    CaseQuery,
    DeadLetter,
    EventPage,
    Storage,
    past_the_head,
    position_cursor,
    raw_bytes,
)
from complaintkit.storage.plan_mark import PlanMark
from complaintkit.storage.step_answers import StepAnswer


def matches(case: Case, query: CaseQuery) -> bool:
    """Whether ``case`` passes every filter in ``query``."""
    return (
        (query.status is None or case.status == query.status)
        and (query.customer_id is None or case.customer_id == query.customer_id)
        and (query.owner is None or case.owner == query.owner)
        and (query.category is None or case.category == query.category)
        and (query.opened_since is None or case.opened_at >= query.opened_since)
        and (query.opened_before is None or case.opened_at < query.opened_before)
        and (not query.open_only or case.is_open)
    )


class MemoryStorage(Storage):
    def __init__(self, url: str = "memory:") -> None:
        # memory:?x or memory:/cases names a store the user meant to keep (a subclass
        # registered under its own scheme passes its own URL)
        if url.startswith("memory:") and url.rstrip("/") != "memory:":
            raise BadStorageURL(f"{url!r}: memory: takes no path or option; it keeps nothing")
        self.url = url
        self._cases: dict[str, Case] = {}
        self._events: dict[str, list[CaseEvent]] = {}
        self._keys: dict[tuple[str, str], str] = {}
        self._tokens: dict[str, str] = {}
        self._planned_by: dict[str, str] = {}  # ``Case.planned_by`` of each case saved with one
        self._dead: list[DeadLetter] = []
        self._dead_ids = itertools.count(1)  # never reused, as in SQL backends
        self._log: list[CaseEvent] = []  # every event in the order it was stored
        self._outbox: list[Delivery] = []
        self._outbox_holder = threading.Lock()
        # inside a transaction: how to undo each write, in order; a block undoes back to
        # where it began, so a nested one that raises is undone and the outer goes on
        self._undo: list[Callable[[], None]] | None = None
        self._lock = threading.RLock()

    def intake(self, case: Case, events: Sequence[CaseEvent]) -> tuple[Case, bool]:
        with self._lock:
            existing = self.find_by_key(*case.complaint.key)
            if existing is not None:
                return existing, False
            self._on_undo(self._forget(case, len(self._log)))
            self._cases[case.id] = detached_case(case)
            self._events[case.id] = [detached_event(event) for event in events]
            self._log.extend(self._events[case.id])
            self._keys[case.complaint.key] = case.id
            self._tokens[case.status_token] = case.id
            self._plan(case.id, case.planned_by)
            return case, True

    def intake_many(
        self, items: Sequence[tuple[Case, Sequence[CaseEvent]]]
    ) -> list[tuple[Case, bool]]:
        """One transaction, as the SQL backends': no reader sees half a batch, and one that
        fails part-way stores none of it."""
        with self.transaction():
            return super().intake_many(items)

    def save(self, case: Case, events: Sequence[CaseEvent]) -> None:
        with self._lock:
            stored = self._cases.get(case.id)
            expected = events[0].seq - 1 if events else case.version
            if stored is None or stored.version != expected:
                raise Conflict(case.id, expected, None if stored is None else stored.version)
            self._on_undo(self._restore(stored, len(self._events[case.id]), len(self._log), case))
            self._cases[case.id] = detached_case(case)
            kept = [detached_event(event) for event in events]  # the saver's are its own
            self._events[case.id].extend(kept)
            self._log.extend(kept)
            for complaint in case.complaints:
                self._keys.setdefault(complaint.key, case.id)
            self._plan(case.id, case.planned_by)

    def get(self, case_id: str) -> Case:
        with self._lock:
            try:
                return detached_case(self._cases[case_id])
            except KeyError:
                raise NotFound(f"no case {case_id!r}") from None

    def find_by_key(self, channel: str, external_id: str) -> Case | None:
        with self._lock:
            case_id = self._keys.get((channel, external_id))
            return None if case_id is None else self.get(case_id)

    def find_by_token(self, token: str) -> Case | None:
        with self._lock:
            case_id = self._tokens.get(token)
            return None if case_id is None else self.get(case_id)

    def find(self, query: CaseQuery) -> list[Case]:
        with self._lock:
            found = [detached_case(c) for c in self._cases.values() if matches(c, query)]
        found.sort(key=lambda c: (c.opened_at, c.id))
        return found[: query.limit] if query.limit is not None else found

    def count(self, query: CaseQuery) -> int:
        with self._lock:
            return sum(1 for c in self._cases.values() if matches(c, query))

    def events(self, case_id: str) -> list[CaseEvent]:
        with self._lock:
            if case_id not in self._events:
                raise NotFound(f"no case {case_id!r}")
            return [detached_event(event) for event in self._events[case_id]]

    def case_ids(self) -> Iterator[str]:
        with self._lock:
            return iter(list(self._cases))

    @contextmanager
    def claim_due(self, before: datetime, limit: int) -> Iterator[list[Case]]:
        """A transaction, as the SQL backends' claims: a save in it that raises (a stale
        case) undoes the batch's saves."""
        with self.transaction():
            due = [
                c
                for c in self._cases.values()
                if c.next_deadline is not None and c.next_deadline <= before
            ]
            due.sort(key=lambda c: (c.next_deadline, c.id))
            yield [detached_case(c) for c in due[:limit]]

    def keep_step_answer(self, agent: str, key: str, answer: StepAnswer) -> None:
        """Undone with the block it is kept in, as the step it answers."""
        with self._lock:
            answers, slot = self._answers_here(), (agent, key)
            replaced = answers.keep(slot, answer)
            self._on_undo(functools.partial(answers.put_back, slot, replaced))

    def open_case_versions(self) -> set[str]:
        """Its record lives as long as its cases: a store never ticked reads them."""
        with self._lock:
            return {c.policy_version for c in self._cases.values() if c.is_open}

    def open_cases_planned_by(
        self, versions: Collection[str], after: str | None, limit: int
    ) -> list[Case]:
        with self._lock:
            found = sorted(
                case_id
                for case_id, case in self._cases.items()
                if case.is_open
                and self._planned_by.get(case_id) in versions
                and (after is None or case_id > after)
            )
            return [detached_case(self._cases[case_id]) for case_id in found[:limit]]

    def set_planned_by(self, case_ids: Collection[str], version: str) -> None:
        with self._lock:
            for case_id in case_ids:
                self._plan(case_id, version)

    def _plan(self, case_id: str, version: str | None) -> None:
        """Keep ``version`` as the one that planned ``case_id`` (None: keep the one kept),
        undone with the block it is kept in."""
        if version is None:
            return
        kept = self._planned_by.get(case_id)
        self._on_undo(functools.partial(self._put_planned_by, case_id, kept))
        self._planned_by[case_id] = version

    def _put_planned_by(self, case_id: str, version: str | None) -> None:
        if version is None:
            self._planned_by.pop(case_id, None)
        else:
            self._planned_by[case_id] = version

    def set_plan_mark(self, mark: PlanMark) -> None:
        """Undone with the block it is set in, as the batch it follows."""
        with self._lock:
            self._on_undo(functools.partial(setattr, self, "_plan_mark", self._plan_mark))
            self._plan_mark = mark

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Holds the lock, so no reader sees half of it; a raise undoes its writes. A block
        nested in another is undone alone when it raises, as a SQL savepoint is."""
        with self._lock:
            outer = self._undo is None
            undo = self._undo = [] if self._undo is None else self._undo
            mark = len(undo)
            try:
                yield
            except BaseException:
                while len(undo) > mark:  # the latest first: each sees what it changed
                    undo.pop()()
                raise
            finally:
                if outer:
                    self._undo = None

    def _on_undo(self, step: Callable[[], None]) -> None:
        """Inside a transaction (the lock held), note how to undo the write about to run."""
        if self._undo is not None:
            self._undo.append(step)

    def _forget(self, case: Case, log: int) -> Callable[[], None]:
        """Undoes the intake of ``case``: the log back to ``log`` events."""

        def forget() -> None:  # an intake that failed part-way set only some of these
            self._cases.pop(case.id, None)
            self._events.pop(case.id, None)
            del self._log[log:]
            self._keys.pop(case.complaint.key, None)
            self._tokens.pop(case.status_token, None)

        return forget

    def _restore(self, stored: Case, events: int, log: int, case: Case) -> Callable[[], None]:
        """Undoes a save of ``case`` over ``stored``: its keys not held before go too."""
        added = [c.key for c in case.complaints if c.key not in self._keys]

        def restore() -> None:
            self._cases[stored.id] = stored
            del self._events[stored.id][events:], self._log[log:]
            for key in added:
                self._keys.pop(key, None)

        return restore

    def _truncate(self, kept: list[Any]) -> Callable[[], None]:
        """Undoes appends to ``kept``, an append-only list, back to its length now."""
        length = len(kept)

        def truncate() -> None:
            del kept[length:]

        return truncate

    def _put_back(self, deliveries: Sequence[Delivery]) -> Callable[[], None]:
        """Undoes changes to ``deliveries`` (immutable, so these are as they were)."""

        def put_back() -> None:
            for delivery in deliveries:
                self._outbox[delivery.position - 1] = delivery

        return put_back

    def _dead_as_it_is(self) -> Callable[[], None]:
        """Puts the dead letters back as they are now (a purge replaces the list)."""
        dead = self._dead

        def put_back() -> None:
            self._dead = dead

        return put_back

    def enqueue(self, items: Sequence[Outgoing]) -> None:
        with self._lock:
            self._on_undo(self._truncate(self._outbox))
            for item in items:
                position = len(self._outbox) + 1
                self._outbox.append(Delivery(position, item, next_attempt_at=item.queued_at))

    @contextmanager
    def hold_outbox(self) -> Iterator[bool]:
        held = self._outbox_holder.acquire(blocking=False)
        try:
            yield held
        finally:
            if held:
                self._outbox_holder.release()

    def due_deliveries(self, now: datetime, limit: int) -> list[Delivery]:
        # as timestamps, as SQLite keeps them: Python compares two datetimes of one zone on
        # their wall clock, and a zoned clock's 01:50 EDT would be due after its 01:10 EST
        cutoff = now.timestamp()
        with self._lock:
            due = [
                (d.next_attempt_at.timestamp(), d.position, d)
                for d in self._outbox
                if d.state == "pending"
                and d.next_attempt_at is not None
                and d.next_attempt_at.timestamp() <= cutoff
            ]
        due.sort(key=lambda row: row[:2])
        return [d for _, _, d in due[:limit]]

    def record_attempts(self, attempts: Sequence[tuple[Delivery, Attempt]]) -> None:
        with self.transaction():
            for delivery, attempt in attempts:
                self._record(delivery, attempt)

    def _record(self, delivery: Delivery, attempt: Attempt) -> None:
        with self._lock:
            stored = self._outbox[delivery.position - 1]
            self._on_undo(self._put_back([stored]))
            self._outbox[delivery.position - 1] = attrs.evolve(
                stored,
                state=attempt.state,
                attempts=stored.attempts + int(attempt.tried),
                next_attempt_at=attempt.retry_at,
                last_error=attempt.error,
            )
            if attempt.state == "dead":
                self._given_up(delivery, attempt)
            elif attempt.state == "delivered":  # given up on once and requeued: refused no more
                source = printable(delivery.outgoing.dead_letter_source)
                if any(d.source == source for d in self._dead):
                    self._on_undo(self._dead_as_it_is())
                    self._dead = [d for d in self._dead if d.source != source]

    def _given_up(self, delivery: Delivery, attempt: Attempt) -> None:
        """The dead letter of a delivery given up on; one given up on again since it was
        requeued keeps its letter, with the reason now and the retry counted."""
        source = printable(delivery.outgoing.dead_letter_source)
        if not any(d.source == source for d in self._dead):
            raw = json.dumps(dict(delivery.outgoing.payload), ensure_ascii=False)
            self.dead_letter(source, raw, attempt.error, attempt.at)
            return
        reason, at = printable(attempt.error), attempt.at
        self._on_undo(self._dead_as_it_is())
        self._dead = [
            attrs.evolve(d, reason=reason, retries=d.retries + 1, last_retry_at=at)
            if d.source == source
            else d
            for d in self._dead
        ]

    def requeue_dead(
        self, delivery_ids: Collection[str] | None, via: str | None, at: datetime
    ) -> int:
        wanted = None if delivery_ids is None else set(delivery_ids)
        with self._lock:
            requeued = [
                d
                for d in self._outbox
                if d.state == "dead"
                and (wanted is None or d.outgoing.delivery_id in wanted)
                and (via is None or d.outgoing.via == via)
            ]
            self._on_undo(self._put_back(requeued))
            for d in requeued:
                self._outbox[d.position - 1] = attrs.evolve(
                    d, state="pending", attempts=0, next_attempt_at=at
                )
        return len(requeued)

    def deliveries(self, state: State | None = None, case_id: str | None = None) -> list[Delivery]:
        with self._lock:
            return [
                d
                for d in self._outbox
                if (state is None or d.state == state)
                and (case_id is None or d.outgoing.case_id == case_id)
            ]

    def events_since(self, cursor: str | None, limit: int) -> EventPage:
        start = position_cursor(cursor)
        with self._lock:
            if start > len(self._log):
                raise past_the_head(str(cursor), str(len(self._log)))
            page = [detached_event(e) for e in self._log[start : start + limit]]
        return EventPage(page, str(start + len(page)))

    def feed_head(self) -> str:
        with self._lock:
            return str(len(self._log))

    def dead_letter(self, source: str, raw: bytes | str, reason: str, at: datetime) -> None:
        raw, source, reason = raw_bytes(raw), printable(source), printable(reason)
        with self._lock:
            if not any((d.source, d.raw, d.reason) == (source, raw, reason) for d in self._dead):
                self._on_undo(self._truncate(self._dead))
                self._dead.append(DeadLetter(next(self._dead_ids), source, raw, reason, at))

    def dead_letters(self) -> list[DeadLetter]:
        with self._lock:
            return list(self._dead)

    def dead_letters_from(self, source_prefix: str) -> list[DeadLetter]:
        prefix = printable(source_prefix)
        with self._lock:
            return [d for d in self._dead if d.source.startswith(prefix)]

    def refused_again(self, letter_id: int, reason: str) -> None:
        with self._lock:
            self._on_undo(self._dead_as_it_is())
            self._dead = [
                attrs.evolve(d, reason=printable(reason)) if d.id == letter_id else d
                for d in self._dead
            ]

    def refused_on_retry(self, letter: DeadLetter, reason: str, at: datetime) -> None:
        with self._lock:
            self._on_undo(self._dead_as_it_is())
            self._dead = [
                attrs.evolve(d, reason=printable(reason), retries=d.retries + 1, last_retry_at=at)
                if d.id == letter.id
                else d
                for d in self._dead
            ]

    def purge_dead_letters(self, ids: Collection[int]) -> int:
        with self._lock:
            self._on_undo(self._dead_as_it_is())
            kept = [d for d in self._dead if d.id not in ids]
            purged, self._dead = len(self._dead) - len(kept), kept
        return purged
