"""In-memory storage: for tests and throwaway runs. Keeps copies, never live objects."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from complaintkit.errors import Conflict, NotFound
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import CaseQuery, DeadLetter, Storage, raw_bytes


def matches(case: Case, query: CaseQuery) -> bool:
    """Whether ``case`` passes every filter in ``query``."""
    return (
        (query.status is None or case.status == query.status)
        and (query.customer_id is None or case.customer_id == query.customer_id)
        and (query.owner is None or case.owner == query.owner)
        and (query.category is None or case.category == query.category)
        and (query.opened_since is None or case.opened_at >= query.opened_since)
        and (not query.open_only or case.is_open)
    )


class MemoryStorage(Storage):
    def __init__(self, url: str = "memory:") -> None:
        self.url = url
        self._cases: dict[str, Case] = {}
        self._events: dict[str, list[CaseEvent]] = {}
        self._keys: dict[tuple[str, str], str] = {}
        self._tokens: dict[str, str] = {}
        self._dead: list[DeadLetter] = []
        self._dead_ids = itertools.count(1)  # never reused, as in SQL backends
        self._lock = threading.RLock()

    def intake(self, case: Case, events: Sequence[CaseEvent]) -> tuple[Case, bool]:
        with self._lock:
            existing = self.find_by_key(*case.complaint.key)
            if existing is not None:
                return existing, False
            self._cases[case.id] = case.copy()
            self._events[case.id] = list(events)
            self._keys[case.complaint.key] = case.id
            self._tokens[case.status_token] = case.id
            return case, True

    def intake_many(
        self, items: Sequence[tuple[Case, Sequence[CaseEvent]]]
    ) -> list[tuple[Case, bool]]:
        """Under one hold of the lock, so no reader sees half a batch."""
        with self._lock:
            return super().intake_many(items)

    def save(self, case: Case, events: Sequence[CaseEvent]) -> None:
        with self._lock:
            stored = self._cases.get(case.id)
            expected = events[0].seq - 1 if events else case.version
            if stored is None or stored.version != expected:
                raise Conflict(case.id, expected, None if stored is None else stored.version)
            self._cases[case.id] = case.copy()
            self._events[case.id].extend(events)
            for complaint in case.complaints:
                self._keys.setdefault(complaint.key, case.id)

    def get(self, case_id: str) -> Case:
        with self._lock:
            try:
                return self._cases[case_id].copy()
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
            found = [c.copy() for c in self._cases.values() if matches(c, query)]
        found.sort(key=lambda c: (c.opened_at, c.id))
        return found[: query.limit] if query.limit is not None else found

    def count(self, query: CaseQuery) -> int:
        with self._lock:
            return sum(1 for c in self._cases.values() if matches(c, query))

    def events(self, case_id: str) -> list[CaseEvent]:
        with self._lock:
            if case_id not in self._events:
                raise NotFound(f"no case {case_id!r}")
            return list(self._events[case_id])

    def case_ids(self) -> Iterator[str]:
        with self._lock:
            return iter(list(self._cases))

    @contextmanager
    def claim_due(self, before: datetime, limit: int) -> Iterator[list[Case]]:
        with self._lock:
            due = [
                c
                for c in self._cases.values()
                if c.next_deadline is not None and c.next_deadline <= before
            ]
            due.sort(key=lambda c: (c.next_deadline, c.id))
            yield [c.copy() for c in due[:limit]]

    def dead_letter(self, source: str, raw: bytes | str, reason: str, at: datetime) -> None:
        with self._lock:
            self._dead.append(DeadLetter(next(self._dead_ids), source, raw_bytes(raw), reason, at))

    def dead_letters(self) -> list[DeadLetter]:
        with self._lock:
            return list(self._dead)

    def purge_dead_letters(self, ids: Collection[int]) -> int:
        with self._lock:
            kept = [d for d in self._dead if d.id not in ids]
            purged, self._dead = len(self._dead) - len(kept), kept
        return purged
