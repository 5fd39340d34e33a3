"""events_since on PostgreSQL: a transaction that may still write events holds the feed
back (so no event can land behind a cursor); one that cannot write events does not."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.storage import WRITING_EVENTS

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def storage(postgres_url: str) -> Iterator[PostgresStorage]:
    with PostgresStorage(postgres_url) as backend:
        yield backend


def other_session(storage: PostgresStorage) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(storage.options.conninfo, options=storage.options.server_options)


def intake(desk: Desk, key: str) -> str:
    case = desk.intake(
        {
            "channel": "web",
            "external_id": key,
            "received_at": T0.isoformat(),
            "customer": {"id": "C1"},
            "text": "快递三天没到",
        }
    )
    return case.id


def test_an_open_event_writer_holds_back_later_commits(storage: PostgresStorage) -> None:
    desk = Desk(storage=storage, clock=ManualClock(T0))
    first = intake(desk, "a")
    with other_session(storage) as writer:
        writer.execute(WRITING_EVENTS)  # as Storage.transaction does
        writer.execute("SELECT pg_current_xact_id()")  # it has a transaction id now
        later = intake(desk, "b")  # commits after the writer began
        page = storage.events_since(None, 100)
        assert {e.case_id for e in page.events} == {first}
        writer.rollback()
    rest = storage.events_since(page.cursor, 100)
    assert {e.case_id for e in rest.events} == {later}


def test_a_younger_open_writer_does_not_lift_an_older_ones_hold(storage: PostgresStorage) -> None:
    """The younger writer's id is at or past the snapshot's xmax, the older one's below it."""
    desk = Desk(storage=storage, clock=ManualClock(T0))
    first = intake(desk, "a")
    with other_session(storage) as older, other_session(storage) as younger:
        older.execute(WRITING_EVENTS)
        older.execute("SELECT pg_current_xact_id()")
        later = intake(desk, "b")
        younger.execute(WRITING_EVENTS)
        younger.execute("SELECT pg_current_xact_id()")  # the newest id, not yet completed
        page = storage.events_since(None, 100)
        assert {e.case_id for e in page.events} == {first}
        younger.rollback()
        older.rollback()
    rest = storage.events_since(page.cursor, 100)
    assert {e.case_id for e in rest.events} == {later}


def test_a_poller_following_concurrent_writers_sees_every_event_once(
    storage: PostgresStorage,
) -> None:
    """Several threads intake at once while a poller follows the cursor: when they are done
    and a page comes back empty, the poller has read each stored event exactly once."""
    writers, complaints = 4, 150
    done = threading.Barrier(writers + 1)

    def write(name: str) -> None:
        desk = Desk(storage=storage, clock=ManualClock(T0))
        try:
            for n in range(complaints):
                intake(desk, f"{name}-{n}")
        finally:
            done.wait()

    threads = [threading.Thread(target=write, args=(f"w{i}",)) for i in range(writers)]
    for thread in threads:
        thread.start()
    seen: list[tuple[str, int]] = []
    cursor = None
    while True:
        finished = done.n_waiting == writers
        page = storage.events_since(cursor, 50)
        seen += [(e.case_id, e.seq) for e in page.events]
        cursor = page.cursor
        if finished and not page.events:
            break
    done.wait()
    for thread in threads:
        thread.join()
    stored = storage.events_since(None, writers * complaints * 10).events
    assert len(seen) == len(set(seen))
    assert sorted(seen) == sorted((e.case_id, e.seq) for e in stored)
    assert len({case_id for case_id, _ in seen}) == writers * complaints


def test_a_transaction_that_cannot_write_events_does_not_stall_the_feed(
    storage: PostgresStorage,
) -> None:
    desk = Desk(storage=storage, clock=ManualClock(T0))
    with other_session(storage) as bystander:
        bystander.execute("SELECT pg_current_xact_id()")  # a long transaction elsewhere
        case_id = intake(desk, "a")
        assert {e.case_id for e in storage.events_since(None, 100).events} == {case_id}
        bystander.rollback()


@pytest.mark.parametrize(
    "cursor",
    ["x", "1", "1.x", "².1", "1.²", f"{'9' * 5000}.1", f"1.{2**63}", f"{2**64}.1", ".1"],
)
def test_a_cursor_it_did_not_return_is_refused(storage: PostgresStorage, cursor: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        storage.events_since(cursor, 10)
    assert refused.value.field == "cursor"


def test_a_cursor_past_every_transaction_is_refused_not_answered_empty(
    storage: PostgresStorage,
) -> None:
    """A cursor from a store re-created since: an empty page would keep its reader there."""
    desk = Desk(storage=storage, clock=ManualClock(T0))
    intake(desk, "past-a")
    cursor = desk.events_since(None, 10_000).cursor
    while (page := desk.events_since(cursor, 10_000)).events:
        cursor = page.cursor
    assert desk.events_since(cursor, 10).events == []  # caught up: an empty page
    tx, _, position = cursor.partition(".")
    for future in (f"{int(tx) + 1_000_000}.0", f"{2**64 - 1}.{position}"):
        with pytest.raises(InvalidInput, match="past the last event") as refused:
            desk.events_since(future, 10)
        assert refused.value.field == "cursor"
    later = intake(desk, "past-b")
    assert any(e.case_id == later for e in desk.events_since(cursor, 10_000).events)


@pytest.mark.parametrize("start", ["0", "00"])
def test_the_start_cursor_of_the_embedded_stores_reads_from_the_first_event(
    storage: PostgresStorage, start: str
) -> None:
    """``"0"`` is the cursor SQLite and memory answer an empty store with, and a reader
    may begin from it (``GET /events?after=0``): PostgreSQL refused it as no cursor."""
    desk = Desk(storage=storage, clock=ManualClock(T0))
    intake(desk, "start")
    first = storage.events_since(None, 100)
    assert first.events
    assert storage.events_since(start, 100) == first
