"""``Storage.feed_head``: a cursor past every event committed now, on every backend; the
default (paging through the feed) agrees with each backend's one query."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    storage: Storage
    if request.param == "memory":
        storage = MemoryStorage()
    elif request.param == "sqlite":
        storage = SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}")
    else:
        storage = PostgresStorage(str(request.getfixturevalue("postgres_url")))
    with storage:
        yield storage


@pytest.mark.parametrize("default", [False, True], ids=["backend", "default"])
def test_the_head_skips_what_is_stored_and_reads_what_comes_next(
    backend: Storage, default: bool
) -> None:
    def head() -> str:
        return Storage.feed_head(backend) if default else backend.feed_head()

    assert backend.events_since(head(), 10).events == []  # an empty store
    desk = Desk(EmptyPolicy(), storage=backend, clock=ManualClock(NOW))
    desk.intake(make_complaint("a"))
    cursor = head()
    assert backend.events_since(cursor, 10).events == []
    assert backend.events_since(head(), 10).events == []  # read twice: the same place
    case = desk.intake(make_complaint("b"))
    later = backend.events_since(cursor, 100).events
    assert later == backend.events(case.id)
