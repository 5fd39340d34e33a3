"""The feed log check reads each table a bounded number of times, whatever the store's size.

``audit verify`` on a SQLite store of the 6,664 CFPB complaints (50,754 events) spent
minutes in the feed log check: it looked for each event's log row by scanning the whole
``event_log``, which has no index on (case_id, seq), so its work grew with the square of
the events. Its work is counted here in SQLite's virtual machine steps (the progress
handler), which grow with the rows a statement reads, never by the clock. An oracle, the
correlated query the check used before, says which events have no log row: the check must
name exactly those, whatever the edited columns hold.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_feed_audit import feed_problems

#: Steps between two calls of the progress handler; the counts compared are in these.
STEP = 100
#: Events of a store in the first count; the second holds twice as many. Work growing
#: with the events doubles; work growing with their square grows fourfold.
EVENTS = 400


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """A raw connection to a store's file holding its tables and nothing else."""
    path = tmp_path / "cases.db"
    SQLiteStorage(f"sqlite:///{path}").close()
    db = sqlite3.connect(path, isolation_level=None)
    try:
        yield db
    finally:
        db.close()


def _stored(
    db: sqlite3.Connection, events: list[tuple[Any, Any]], log: list[tuple[Any, Any]]
) -> None:
    db.execute("BEGIN")
    db.execute("DELETE FROM events")
    db.execute("DELETE FROM event_log")
    db.executemany(
        # OR IGNORE: a column's affinity makes "2" the event number 2, stored once
        "INSERT OR IGNORE INTO events (case_id, seq, kind, at, body) "
        "VALUES (?, ?, 'noted', '', '{}')",
        events,
    )
    db.executemany("INSERT INTO event_log (case_id, seq) VALUES (?, ?)", log)
    db.execute("COMMIT")


def _steps(db: sqlite3.Connection, events: int) -> int:
    """The steps the check takes over a store of ``events`` events, each logged once."""
    rows = [(f"CK-{n // 8:06d}", n % 8 + 1) for n in range(events)]
    _stored(db, rows, rows)
    counted = [0]

    def step() -> int:
        counted[0] += 1
        return 0

    db.set_progress_handler(step, STEP)
    try:
        assert feed_problems(db) == []
    finally:
        db.set_progress_handler(None, 0)
    return counted[0]


def test_twice_the_events_take_about_twice_the_steps(empty: sqlite3.Connection) -> None:
    once, twice = _steps(empty, EVENTS), _steps(empty, 2 * EVENTS)
    assert twice < 3 * once, (once, twice)


#: What an edited column may hold: an event number, another type that looks like one, text.
_SEQS = st.sampled_from([1, 2, 3, 2.5, "2", "two", b"\x02", -1])
_CASES = st.sampled_from(["CK-A", "CK-B", "ck-a", "CK-A ", b"CK-A", 7])
_UNLOGGED_ORACLE = """
    SELECT e.case_id, e.seq FROM events e
    WHERE NOT EXISTS (SELECT 1 FROM event_log l WHERE l.case_id = e.case_id AND l.seq = e.seq)
    ORDER BY e.case_id, e.seq
"""


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    events=st.lists(st.tuples(_CASES, _SEQS), max_size=6),
    log=st.lists(st.tuples(_CASES, _SEQS), max_size=6),
)
def test_every_event_without_its_log_row_is_named(
    empty: sqlite3.Connection, events: list[tuple[Any, Any]], log: list[tuple[Any, Any]]
) -> None:
    _stored(empty, events, log)
    unlogged = empty.execute(_UNLOGGED_ORACLE).fetchall()
    named = [
        (case_id, seq)
        for case_id, seq, problem in feed_problems(empty)
        if "holds no row for it" in problem
    ]
    expected = [
        (case_id if isinstance(case_id, str) else None, seq if type(seq) is int else None)
        for case_id, seq in unlogged
    ]
    assert named == expected
