"""The event feed on PostgreSQL past an event altered by hand: ``events_since`` still
refuses the page holding it (``DamagedRecord``), and ``events_readable_since`` — what
``GET /events`` reads — gives every other event, names the damaged one, and moves on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from complaintkit_postgres import PostgresStorage
from pg_tampered import taken_in, tampering

from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord


@pytest.fixture
def storage(postgres_url: str) -> Iterator[PostgresStorage]:
    with PostgresStorage(postgres_url) as backend:
        yield backend


def test_the_feed_names_a_damaged_event_and_goes_past_it(storage: PostgresStorage) -> None:
    desk = Desk(storage=storage)
    ids = taken_in(desk, 3)
    every = [(e.case_id, e.seq) for e in storage.events_since(None, 1000).events]
    with tampering(storage) as conn:
        conn.execute("UPDATE events SET body = '[1, 2]' WHERE case_id = %s AND seq = 2", (ids[1],))
    with pytest.raises(DamagedRecord):
        storage.events_since(None, 1000)
    page = storage.events_readable_since(None, 1000)
    assert [(e.case_id, e.seq) for e in page.events] == [k for k in every if k != (ids[1], 2)]
    assert [(d.case_id, d.seq) for d in page.damaged] == [(ids[1], 2)]
    assert storage.events_readable_since(page.cursor, 1000).events == []
