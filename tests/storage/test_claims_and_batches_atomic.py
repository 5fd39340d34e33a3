"""A claim and a batch intake are one transaction on every backend, as ``Storage``
documents: a stale save inside ``claim_due`` undoes the batch's saves, and a batch that
fails part-way stores none of it. The memory store kept the saves and items before the
failure, so code tried on ``memory:`` behaved otherwise on SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest

import embedded_backends
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import Conflict
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.storage import CaseQuery
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


storage = embedded_backends.storage


def complaint(n: int) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": f"K{n}",
        "received_at": "2026-11-23T08:00:00+00:00",
        "customer": {"id": f"C{n}"},
        "text": "the parcel never came",
    }


def due_cases(storage: Storage) -> list[Case]:
    """Two stored cases due an hour ago."""
    desk = Desk(storage=storage, clock=ManualClock(NOW))
    cases = [desk.intake(complaint(n)) for n in (1, 2)]
    for case in cases:
        case.next_deadline = NOW - timedelta(hours=1)
        storage.save(case, [])
    return [storage.get(case.id) for case in cases]


def test_a_stale_save_in_a_claim_undoes_the_claims_saves(storage: Storage) -> None:
    first, second = due_cases(storage)
    changed = storage.get(first.id)
    changed.owner = "wang.fang"
    stale = storage.get(second.id)
    stale.version -= 1
    with pytest.raises(Conflict):
        save_in_a_claim(storage, [(changed, []), (stale, [])])
    assert storage.get(first.id).owner == first.owner
    assert storage.get(second.id).version == second.version


def save_in_a_claim(storage: Storage, changes: list[tuple[Case, list[CaseEvent]]]) -> None:
    with storage.claim_due(NOW, 10) as claimed:
        assert len(claimed) == 2
        storage.save_many(changes)


def test_a_batch_that_fails_part_way_stores_none_of_it(storage: Storage) -> None:
    desk = Desk(storage=MemoryStorage(), clock=ManualClock(NOW))
    made = [desk.intake(complaint(n)) for n in (1, 2)]
    items = [(case, desk.history(case.id)) for case in made]
    broken: list[Any] = [items[0], (items[1][0], [cast("CaseEvent", None)])]
    with pytest.raises(Exception):  # noqa: B017, PT011 -- each backend words its own refusal
        storage.intake_many(broken)
    assert storage.find(CaseQuery()) == []
