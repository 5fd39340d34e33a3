"""Stored histories, one case at a time, and the instant the stored history ends.

SQLite streams every event in one ordered query on a read-only connection (memory holds
one case's events); a backend with a ``histories(since, until)`` method (the PostgreSQL
plugin) streams its own; others are read case by case through the ``Storage`` interface.
Either way nothing is written.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from itertools import groupby

from complaintkit.model.complaint import parse_instant
from complaintkit.model.events import CaseEvent
from complaintkit.reports.scope import Scope
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage


def _read_only(storage: SQLiteStorage) -> sqlite3.Connection:
    return sqlite3.connect(f"{storage.path.resolve().as_uri()}?mode=ro", uri=True)


def _in_scope(opened_at: datetime, scope: Scope) -> bool:
    return (scope.since is None or opened_at >= scope.since) and (
        scope.until is None or opened_at < scope.until
    )


def stored_histories(storage: Storage, scope: Scope) -> Iterator[list[CaseEvent]]:
    """Each stored case's events in order, for cases opened in ``scope``'s time range."""
    if isinstance(storage, SQLiteStorage):
        yield from _sqlite_histories(storage, scope)
        return
    streamed = getattr(storage, "histories", None)
    if callable(streamed):
        yield from streamed(scope.since, scope.until)
        return
    for case_id in storage.case_ids():
        events = storage.events(case_id)
        if _in_scope(events[0].at, scope):
            yield events


_EVENTS_IN_RANGE = """
    SELECT e.case_id, e.body FROM events e JOIN cases c ON c.id = e.case_id
    WHERE c.opened_at >= ? AND c.opened_at < ? ORDER BY e.case_id, e.seq
"""


def _sqlite_histories(storage: SQLiteStorage, scope: Scope) -> Iterator[list[CaseEvent]]:
    since = -math.inf if scope.since is None else scope.since.timestamp()
    until = math.inf if scope.until is None else scope.until.timestamp()
    with closing(_read_only(storage)) as db:
        rows = db.execute(_EVENTS_IN_RANGE, (since, until))
        for _, group in groupby(rows, key=lambda row: row[0]):
            yield [CaseEvent.from_json(json.loads(body)) for _, body in group]


def history_end(storage: Storage) -> datetime | None:
    """The latest instant the store records a change at (its last tick or action)."""
    if isinstance(storage, SQLiteStorage):
        with closing(_read_only(storage)) as db:
            row = db.execute(
                "SELECT json_extract(body, '$.updated_at') FROM cases "
                "ORDER BY julianday(json_extract(body, '$.updated_at')) DESC LIMIT 1"
            ).fetchone()
        return None if row is None else parse_instant(row[0], "updated_at")
    latest = None
    for case_id in storage.case_ids():
        at = storage.get(case_id).updated_at
        latest = at if latest is None or at > latest else latest
    return latest
