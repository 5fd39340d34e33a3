"""An outbox row whose payload was damaged in the store (edited by hand, a disk's bad
sector, a restore gone wrong) to what is no JSON object ended every delivery pass and every
``complaintkit outbox`` listing in a traceback: ``json.loads`` raised as the due rows were
read, so no delivery at all went out, the damaged one's neighbours included. Such a row now
fails for good on its own, at its first attempt — no retry can mend it — as a dead letter
whose reason says why and whose raw input keeps the stored text; the others go out."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg import sql

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.model.message import Message
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

#: What no reading of a message or an event can take.
DAMAGED: list[object] = [
    "{",
    "",
    "null",
    "[]",
    '"text"',
    "42",
    "[" * 5000,
    '{"to": \x00',
    b"\xed\xa0\x80",  # a lone surrogate, as UTF-8 writes none
    b"\xff{}",
    42,  # SQLite keeps a number in a TEXT column
    "{}",
    '{"to": "a@example.com", "subject": 5, "body": "b"}',
]


class Keeping:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, message: Message) -> None:
        self.sent.append(message.delivery_id)


def _enqueue(storage: Storage) -> list[str]:
    items = [
        Outgoing.message("mail", Message(to=f"c{n}@example.com", subject="s", body="b"), T0)
        for n in range(3)
    ]
    storage.enqueue(items)
    return [item.delivery_id for item in items]


def _damage_sqlite(storage: SQLiteStorage, delivery_id: str, payload: object) -> None:
    with storage._transaction() as db:
        db.execute("UPDATE outbox SET payload = ? WHERE delivery_id = ?", (payload, delivery_id))


def _pass(storage: Storage) -> tuple[Keeping, object]:
    keeping = Keeping()
    report = DeliveryWorker(storage, {"mail": keeping}, ManualClock(T0)).run_once()
    return keeping, report


def _check(storage: Storage, ids: list[str], damaged: str, payload: object) -> None:
    listed = {d.outgoing.delivery_id: d for d in storage.deliveries()}  # no traceback
    assert set(listed) == set(ids)
    keeping, _ = _pass(storage)
    assert keeping.sent == [i for i in ids if i != damaged]
    states = {d.outgoing.delivery_id: d.state for d in storage.deliveries()}
    assert states[damaged] == "dead"
    assert [states[i] for i in ids if i != damaged] == ["delivered"] * 2
    (letter,) = storage.dead_letters()
    assert letter.source == f"notify:mail:{damaged}"
    assert "payload" in letter.reason
    assert "gave up after 1 attempt" in letter.reason
    kept = json.loads(letter.raw)
    if isinstance(payload, str) and _object(payload):
        assert kept == json.loads(payload)
    elif isinstance(payload, bytes):
        assert kept == {"stored_payload": payload.decode("utf-8", "backslashreplace")}
    else:
        assert kept == {"stored_payload": str(payload)}


@settings(max_examples=40, deadline=None)
@given(payload=st.sampled_from(DAMAGED) | st.text(max_size=40).filter(lambda t: not _object(t)))
def test_a_damaged_payload_in_sqlite_fails_alone(payload: object) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        SQLiteStorage(f"sqlite:///{folder}/c.db") as storage,
    ):
        ids = _enqueue(storage)
        _damage_sqlite(storage, ids[1], payload)
        _check(storage, ids, ids[1], payload)


def _object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


@pytest.fixture
def postgres(postgres_url: str) -> Iterator[Storage]:
    from complaintkit_postgres import PostgresStorage  # noqa: PLC0415 -- the plugin's extra

    with PostgresStorage(postgres_url) as storage:
        yield storage


@pytest.mark.parametrize("payload", ["{", "null", "[]", "[" * 5000, "{}"])
def test_a_damaged_payload_in_postgresql_fails_alone(
    postgres: Storage, postgres_url: str, payload: str
) -> None:
    ids = _enqueue(postgres)
    schema = postgres_url.split("schema=")[1].split("&", maxsplit=1)[0]
    with psycopg.connect(postgres_url.split("?", maxsplit=1)[0], autocommit=True) as conn:
        conn.execute(
            sql.SQL("UPDATE {}.outbox SET payload = %s WHERE delivery_id = %s").format(
                sql.Identifier(schema)
            ),
            (payload, ids[1]),
        )
    _check(postgres, ids, ids[1], payload)


#: Messages whose to, subject and body are text but another field is not of its type: a
#: notifier given them failed every attempt (``visible(5)``, ``dict(None)``), retried to the
#: last as a notifier's bug, or sent a Message holding what its fields never hold.
MISTYPED = [
    {"case_id": 5},
    {"role": None},
    {"event": ["opened"]},
    {"language": {"zh": 1}},
    {"data": None},
    {"data": [1, 2]},
    {"data": "seq 3"},
]


@pytest.mark.parametrize("field", MISTYPED, ids=lambda f: f"{next(iter(f))}={f[next(iter(f))]!r}")
def test_a_message_with_a_field_not_of_its_type_fails_alone_naming_it(
    field: dict[str, object],
) -> None:
    payload = json.dumps({"to": "a@example.com", "subject": "s", "body": "b", **field})
    with (
        tempfile.TemporaryDirectory() as folder,
        SQLiteStorage(f"sqlite:///{folder}/c.db") as storage,
    ):
        ids = _enqueue(storage)
        _damage_sqlite(storage, ids[1], payload)
        _check(storage, ids, ids[1], payload)
        (letter,) = storage.dead_letters()
        assert next(iter(field)) in letter.reason
