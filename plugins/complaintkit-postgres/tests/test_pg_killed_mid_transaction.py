"""A connection the server ends in the middle of a transaction (``pg_terminate_backend``
from another session, as an administrator or a failover does) fails that operation with a
``StorageError`` naming the server, its password hidden; nothing of the transaction is
kept, and the next operation gets a working connection. A transaction that fails midway
for any other reason leaves nothing either."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, cast

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.url import parse_url

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.model.events import CaseEvent
from complaintkit.storage.base import CaseQuery
from complaintkit.storage.memory import MemoryStorage
from complaintkit.testing.storage_contract import make_complaint

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PASSWORD = "s3cret-pw"  # trust authentication lets any password in; none may be shown


@pytest.fixture
def named(postgres_url: str) -> Iterator[tuple[PostgresStorage, str]]:
    """A store whose connections carry a password and an application name to find them by."""
    name = f"ck-killed-{secrets.token_hex(4)}"
    with_password = postgres_url.replace("postgres@", f"postgres:{PASSWORD}@", 1)
    assert PASSWORD in with_password
    with PostgresStorage(f"{with_password}&application_name={name}") as storage:
        yield storage, name


def end_connections(storage: PostgresStorage, name: str, *, waiting: bool) -> int:
    """End the store's connections (only those waiting on a lock, if ``waiting``)."""
    wait = "AND wait_event_type = 'Lock'" if waiting else ""
    with psycopg.connect(storage.options.conninfo, autocommit=True) as admin:
        row = admin.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            f"WHERE application_name = %s {wait}",
            (name,),
        ).fetchone()
    return int(row[0]) if row else 0


def ended_while_blocked(storage: PostgresStorage, name: str, write: Callable[[], Any]) -> None:
    """Run ``write`` while another session locks the events table, and end the store's
    connection while ``write`` waits for it: ``write`` is cut off mid-statement."""
    options = parse_url(storage.options.conninfo)
    ended: list[int] = []
    with psycopg.connect(options.conninfo, options=storage.options.server_options) as locker:
        locker.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")

        def kill_the_waiter() -> None:
            for _ in range(500):  # until the write waits on the lock (at most ~10 s)
                ended.append(end_connections(storage, name, waiting=True))
                if ended[-1]:
                    return
                threading.Event().wait(0.02)

        killer = threading.Thread(target=kill_the_waiter)
        killer.start()
        try:
            with pytest.raises(StorageError) as refused:
                write()
        finally:
            killer.join()
    assert ended[-1] == 1
    message = str(refused.value)
    assert PASSWORD not in message
    where = f"PostgreSQL schema {storage.options.schema!r} at {storage.options.display}"
    assert message.startswith(where)
    assert "127.0.0.1:5432" in message


def test_an_intake_cut_off_mid_statement_keeps_nothing(
    named: tuple[PostgresStorage, str],
) -> None:
    storage, name = named
    desk = Desk(storage=storage, clock=ManualClock(T0))
    desk.intake(make_complaint("before"))
    batch = [make_complaint(f"b{n}", text="\U0001f4e6 \u6ca1\u5230") for n in range(3)]
    ended_while_blocked(storage, name, lambda: desk.intake_many(batch))
    assert [case.complaint.external_id for case in storage.find(CaseQuery())] == ["before"]
    assert desk.intake(batch[0]).complaint.external_id == "b0"  # a working connection again


def test_a_transaction_block_cut_off_between_writes_keeps_none_of_them(
    named: tuple[PostgresStorage, str],
) -> None:
    storage, name = named
    desk = Desk(storage=storage, clock=ManualClock(T0))
    case = desk.intake(make_complaint("a"))
    stored = [event.to_json() for event in desk.history(case.id)]

    def two_notes() -> None:
        with storage.transaction():
            desk.note(case.id, "first", actor="li.na")
            desk.note(case.id, "second", actor="li.na")

    ended_while_blocked(storage, name, two_notes)
    assert [event.to_json() for event in desk.history(case.id)] == stored
    assert desk.get(case.id).version == len(stored)
    assert desk.note(case.id, "again", actor="li.na").version == len(stored) + 1


def test_an_idle_connection_ended_inside_a_block_fails_the_block_and_keeps_nothing(
    named: tuple[PostgresStorage, str],
) -> None:
    storage, name = named
    desk = Desk(storage=storage, clock=ManualClock(T0))
    case = desk.intake(make_complaint("a"))
    version = case.version

    def ended_between_notes() -> None:
        with storage.transaction():
            desk.note(case.id, "first", actor="li.na")
            assert end_connections(storage, name, waiting=False) >= 1
            desk.note(case.id, "second", actor="li.na")

    with pytest.raises(StorageError) as refused:
        ended_between_notes()
    assert PASSWORD not in str(refused.value)
    assert desk.get(case.id).version == version
    assert [e.kind for e in desk.history(case.id)][version:] == []


def test_a_batch_that_fails_part_way_stores_none_of_it(storage: PostgresStorage) -> None:
    """As on the embedded stores (``tests/storage/test_claims_and_batches_atomic.py``)."""
    maker = Desk(storage=MemoryStorage(), clock=ManualClock(T0))
    made = [maker.intake(make_complaint(f"K{n}")) for n in (1, 2)]
    items = [(case, maker.history(case.id)) for case in made]
    broken: list[Any] = [items[0], (items[1][0], [cast("CaseEvent", None)])]
    with pytest.raises(Exception):  # noqa: B017, PT011 -- each backend words its own refusal
        storage.intake_many(broken)
    assert storage.find(CaseQuery()) == []


@pytest.fixture
def storage(postgres_url: str) -> Iterator[PostgresStorage]:
    with PostgresStorage(postgres_url) as backend:
        yield backend
