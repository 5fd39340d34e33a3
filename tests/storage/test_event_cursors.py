"""A cursor the storage did not return is refused by name, on every backend: never a
decoder's or a driver's error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import embedded_backends
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.storage.base import Storage
from complaintkit.testing.storage_contract import make_complaint

storage = embedded_backends.storage

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
NOT_CURSORS = ["x", "-1", "1.5", "²", "٣", "9" * 5000, str(2**63), " 1"]


@pytest.mark.parametrize("cursor", NOT_CURSORS)
def test_a_cursor_the_storage_did_not_return_is_refused(storage: Storage, cursor: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        storage.events_since(cursor, 10)
    assert refused.value.field == "cursor"


def test_a_cursor_past_the_last_event_is_refused_not_answered_empty(storage: Storage) -> None:
    """An empty page would keep its reader waiting there, and never give it the events
    stored below it (a store re-created since the cursor was returned)."""
    desk = Desk(EmptyPolicy(), storage=storage, clock=ManualClock(NOW))
    desk.intake(make_complaint("a"))
    head = desk.events_since(None, 100)
    assert desk.events_since(head.cursor, 100).events == []  # caught up: an empty page
    for cursor in (str(int(head.cursor) + 1), "1000", str(2**63 - 1)):  # parsed, then refused
        with pytest.raises(InvalidInput, match="past the last event") as refused:
            desk.events_since(cursor, 10)
        assert refused.value.field == "cursor"
    desk.intake(make_complaint("b"))
    assert desk.events_since(head.cursor, 100).events[0].kind == "opened"


def test_on_an_empty_store_only_the_start_is_a_cursor(storage: Storage) -> None:
    assert storage.events_since(None, 10).events == []
    assert storage.events_since("0", 10).events == []
    with pytest.raises(InvalidInput, match="past the last event"):
        storage.events_since("1", 10)


@pytest.mark.parametrize("limit", [0, -1, True, 2.5, "10"])
def test_a_page_size_that_is_no_count_of_events_is_refused(storage: Storage, limit: object) -> None:
    """-1 read everything on SQLite (LIMIT -1), all but the last event in memory (a
    slice), and was PostgreSQL's DataError; 0 gave an empty page a reader takes for
    'caught up'."""
    desk = Desk(EmptyPolicy(), storage=storage, clock=ManualClock(NOW))
    for key in ("a", "b", "c"):
        desk.intake(make_complaint(key))
    with pytest.raises(InvalidInput) as refused:
        desk.events_since(None, limit)  # type: ignore[arg-type]
    assert refused.value.field == "limit"
    assert len(desk.events_since(None, 2).events) == 2
