"""An outbox event whose stored payload is a JSON object but no case event (edited outside
complaintkit: a field gone, an instant that is none, data that is no object) fails for good
at its first attempt, saying so, as a payload that is no JSON object does: it raised
``KeyError: 'case_id'`` from the reading, taken for a publisher's bug and retried to the
last attempt, its reason naming neither the payload nor the damage. The others go out,
through ``publish`` and ``publish_many`` alike."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime
from typing import Any

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.model.events import CaseEvent
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


class One:
    """Publishes one event at a time."""

    def __init__(self) -> None:
        self.published: list[str] = []

    def publish(self, event: CaseEvent, delivery_id: str) -> None:
        self.published.append(delivery_id)

    def send(self, message: Any) -> None:
        raise AssertionError("no message is queued")


class Many(One):
    """Publishes runs of events together, as a broker confirms them."""

    def publish_many(self, items: list[tuple[CaseEvent, str]]) -> list[None]:
        self.published += [delivery_id for _, delivery_id in items]
        return [None] * len(items)


def event(seq: int) -> CaseEvent:
    return CaseEvent.chained(
        case_id="CK-1",
        seq=seq,
        kind="noted",
        at=T0,
        actor="li.na",
        reason="",
        data={},
        prev_hash="0" * 64,
    )


def stored(seq: int) -> dict[str, Any]:
    return event(seq).published_json()


DAMAGED = {
    "empty": {},
    "no case id": {k: v for k, v in stored(2).items() if k != "case_id"},
    "no instant": {**stored(2), "at": "yesterday"},
    "naive instant": {**stored(2), "at": "2026-11-23T09:00:00"},
    "data a list": {**stored(2), "data": [1]},
}


@pytest.mark.parametrize("publisher", [One, Many])
@pytest.mark.parametrize("payload", DAMAGED.values(), ids=DAMAGED.keys())
def test_an_event_payload_that_is_no_event_fails_alone_for_good(
    publisher: type[One], payload: dict[str, Any]
) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        SQLiteStorage(f"sqlite:///{folder}/c.db") as storage,
    ):
        items = [Outgoing.event("bus", event(seq), T0) for seq in (1, 2, 3)]
        storage.enqueue(items)
        with storage._transaction() as db:
            db.execute(
                "UPDATE outbox SET payload = ? WHERE delivery_id = ?",
                (json.dumps(payload), items[1].delivery_id),
            )
        bus = publisher()
        report = DeliveryWorker(storage, {"bus": bus}, ManualClock(T0)).run_once()
        assert bus.published == [items[0].delivery_id, items[2].delivery_id]
        assert (report.delivered, report.retrying, report.dead) == (2, 0, 1)
        (letter,) = storage.dead_letters()
        assert letter.source == f"notify:bus:{items[1].delivery_id}"
        assert letter.reason.startswith("gave up after 1 attempt(s): its stored payload is no ")
        assert json.loads(letter.raw) == payload
