"""Nested transactions, as every backend must keep them (``StorageContract`` includes it).

A ``transaction()`` block inside another is a savepoint: when it raises and the outer block
catches that and goes on, everything the inner block wrote is undone (cases, events, dead
letters it kept or purged, outbox rows it added or changed) and the outer block's writes
commit. Users try their code on ``memory:`` and run it on SQLite or PostgreSQL, so each
backend must agree. The checks are plain functions too, to run over several backends in one
parametrised test.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery.outgoing import Attempt, Outgoing
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint
from complaintkit.model.message import Message
from complaintkit.storage.base import Storage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(hours=1)


class Refused(Exception):
    """What the blocks below raise to be undone."""


def _complaint(external_id: str) -> Complaint:
    return Complaint.from_json(
        {
            "channel": "web",
            "external_id": external_id,
            "received_at": T0.isoformat(),
            "customer": {"id": "C1"},
            "text": "快递三天没到 / parcel is late",
        }
    )


def _outgoing(case_id: str, n: int) -> Outgoing:
    message = Message(to=f"c{n}@example.com", subject=f"s{n}", body="正文", case_id=case_id)
    return Outgoing.message("mail", message, T0)


def stored(storage: Storage) -> dict[str, Any]:
    """What ``storage`` holds, as comparable values (read inside a block: its own writes)."""
    cases = {case_id: storage.get(case_id).version for case_id in storage.case_ids()}
    return {
        "cases": cases,
        "events": {case_id: len(storage.events(case_id)) for case_id in cases},
        "dead letters": [(d.id, d.source, d.reason) for d in storage.dead_letters()],
        "outbox": [
            (d.outgoing.delivery_id, d.state, d.attempts, d.next_attempt_at)
            for d in storage.deliveries()
        ],
    }


def _write_everything(desk: Desk, tag: str, earlier_case: str) -> None:
    """Every kind of write: a case opened and another changed, a dead letter kept and one
    purged, outbox rows added, attempted (one given up: a dead letter) and requeued."""
    storage = desk.storage
    opened = desk.intake(_complaint(f"{tag}-case"))
    desk.note(earlier_case, f"{tag}: noted", actor="li.na")
    storage.dead_letter(f"jsonl:{tag}.jsonl:1", b"{", "line: is not JSON", T0)
    purged = [d.id for d in storage.dead_letters() if d.source.startswith("jsonl:purge")]
    storage.purge_dead_letters(purged[:1])
    storage.enqueue([_outgoing(opened.id, 1), _outgoing(opened.id, 2)])
    *_, first, second = storage.due_deliveries(T0, limit=1000)
    storage.record_attempts([(first, Attempt(T0)), (second, Attempt(T0, f"{tag}: gave up"))])
    storage.requeue_dead(None, None, LATER)


def _earlier(desk: Desk) -> str:
    """What the store holds before the blocks: a case, two letters to purge, a dead delivery."""
    case = desk.intake(_complaint("earlier"))
    for n in range(2):
        desk.storage.dead_letter(f"jsonl:purge.jsonl:{n}", b"[", "line: is not JSON", T0)
    desk.storage.enqueue([_outgoing(case.id, 0)])
    (delivery,) = desk.storage.due_deliveries(T0, limit=10)
    desk.storage.record_attempts([(delivery, Attempt(T0, "earlier: gave up"))])
    return case.id


def _refused(desk: Desk, tag: str, earlier_case: str) -> None:
    """A block that writes everything, then raises."""
    with desk.storage.transaction():
        _write_everything(desk, tag, earlier_case)
        raise Refused


def _outer_refused(desk: Desk, earlier_case: str) -> None:
    """An outer block with a nested block kept and one undone, then raising itself."""
    with desk.storage.transaction():
        _write_everything(desk, "outer", earlier_case)
        with desk.storage.transaction():
            _write_everything(desk, "nested-kept", earlier_case)
        with pytest.raises(Refused):
            _refused(desk, "nested-undone", earlier_case)
        raise Refused


def check_a_nested_block_that_raises_is_undone(storage: Storage) -> None:
    """The nested block's writes are gone, the outer block's before and after it commit."""
    desk = Desk(storage=storage, clock=ManualClock(T0))
    earlier = _earlier(desk)
    with storage.transaction():
        _write_everything(desk, "outer-before", earlier)
        before_nested = stored(storage)
        with pytest.raises(Refused):
            _refused(desk, "nested", earlier)
        assert stored(storage) == before_nested
        _write_everything(desk, "outer-after", earlier)
        expected = stored(storage)
    assert stored(storage) == expected
    kept = {d.source for d in storage.dead_letters()}
    assert {"jsonl:outer-before.jsonl:1", "jsonl:outer-after.jsonl:1"} <= kept
    assert not any("nested" in d.source or "nested" in d.reason for d in storage.dead_letters())
    notes = [e.data.get("text") for e in storage.events(earlier) if e.kind == "noted"]
    assert notes == ["outer-before: noted", "outer-after: noted"]
    assert desk.storage.find_by_key("web", "nested-case") is None
    feed = storage.events_since(None, 10_000).events
    assert {e.case_id for e in feed} == set(storage.case_ids())
    assert len(feed) == sum(len(storage.events(case_id)) for case_id in storage.case_ids())


def check_an_outer_block_that_raises_undoes_everything(storage: Storage) -> None:
    """Its own writes and those of the blocks nested in it, committed or not."""
    desk = Desk(storage=storage, clock=ManualClock(T0))
    earlier = _earlier(desk)
    before = stored(storage)
    with pytest.raises(Refused):
        _outer_refused(desk, earlier)
    assert stored(storage) == before
    assert len(storage.events_since(None, 10_000).events) == sum(before["events"].values())


class TransactionContract:
    """Behaviour of ``transaction`` blocks nested in one another."""

    def test_a_nested_block_that_raises_is_undone(self, storage: Storage) -> None:
        check_a_nested_block_that_raises_is_undone(storage)

    def test_an_outer_block_that_raises_undoes_everything(self, storage: Storage) -> None:
        check_an_outer_block_that_raises_undoes_everything(storage)
