"""A delivery whose payload holds a lone surrogate becomes a dead letter like any other.

A stored payload edited outside complaintkit can hold one as a JSON escape (``"\\udcff"``,
which SQLite's text column keeps), and an application can queue a Message holding one in
a memory store. When such a delivery gave up, its dead letter's raw text could not be
encoded as UTF-8: ``record_attempts`` raised, every delivery pass ended there before
recording anything, and nothing queued behind it was ever sent again. The letter keeps
the surrogate as its JSON escape, so it reads back as the payload it was."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing, RetryPolicy
from complaintkit.model.message import Message
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PAYLOAD = {"to": "a@example.com", "subject": "受理", "body": "b\udcff"}


class Refusing:
    """Sends what UTF-8 can write, as every notifier that writes bytes must."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, message: Message) -> None:
        message.body.encode("utf-8")
        self.sent.append(message.delivery_id)


@pytest.fixture(params=["memory", "sqlite"])
def queued(request: pytest.FixtureRequest) -> Iterator[tuple[Storage, list[str]]]:
    """A store holding three messages, the first of them holding a lone surrogate."""
    items = [
        Outgoing.message("mail", Message(to=f"c{n}@example.com", subject="s", body="b"), T0)
        for n in range(3)
    ]
    ids = [item.delivery_id for item in items]
    if request.param == "memory":
        broken = Outgoing.message(
            "mail", Message(PAYLOAD["to"], PAYLOAD["subject"], PAYLOAD["body"]), T0
        )
        items[0] = broken
        ids[0] = broken.delivery_id
        storage: Storage = MemoryStorage()
        storage.enqueue(items)
        yield storage, ids
        return
    with tempfile.TemporaryDirectory() as folder, SQLiteStorage(f"sqlite:///{folder}/c.db") as db:
        db.enqueue(items)
        edited = json.dumps(PAYLOAD)  # ensure_ascii: the surrogate as its escape
        with db._transaction() as conn:
            conn.execute("UPDATE outbox SET payload = ? WHERE delivery_id = ?", (edited, ids[0]))
        yield db, ids


def test_its_dead_letter_is_kept_and_the_others_go_out(
    queued: tuple[Storage, list[str]],
) -> None:
    storage, ids = queued
    notifier = Refusing()
    worker = DeliveryWorker(storage, {"mail": notifier}, ManualClock(T0), retry=RetryPolicy(1))
    report = worker.run_once()
    assert (report.delivered, report.dead) == (2, 1)
    assert notifier.sent == ids[1:]
    (letter,) = storage.dead_letters()
    assert letter.source == f"notify:mail:{ids[0]}"
    kept = json.loads(letter.raw)
    assert {name: kept[name] for name in PAYLOAD} == PAYLOAD


@pytest.mark.parametrize("field", ["subject", "body", "case_id", "data"])
def test_a_message_holding_one_fails_for_good_at_its_first_attempt(field: str) -> None:
    """No retry writes it in UTF-8: the webhook notifier failed on it at every attempt
    (UnicodeEncodeError, taken for a notifier's bug) until the last, as the smtp one did
    on a body holding one."""
    value: object = {"note": "x\udcff"} if field == "data" else "x\udcff"
    payload = {"to": "a@example.com", "subject": "s", "body": "b", field: value}
    storage = MemoryStorage()
    storage.enqueue([Outgoing("d-1", "mail", "message", "CK-1", payload, T0)])
    notifier = Refusing()
    report = DeliveryWorker(storage, {"mail": notifier}, ManualClock(T0)).run_once()
    assert (report.dead, report.retrying) == (1, 0)
    assert notifier.sent == []
    (letter,) = storage.dead_letters()
    assert letter.reason.startswith("gave up after 1 attempt(s): its stored payload is no ")
    assert f"{field} holds a lone surrogate" in letter.reason
