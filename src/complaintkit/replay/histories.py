"""Stored histories, one case at a time, the cases they rebuild, and the instant the
stored history ends. A damaged row is a ``DamagedRecord`` naming it, as in every command.

SQLite streams every event in one ordered query on a read-only connection (memory holds
one case's events); a backend with a ``histories(since, until)`` method (the PostgreSQL
plugin) streams its own; others are read case by case through the ``Storage`` interface.
Either way nothing is written.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import datetime
from itertools import groupby

from complaintkit.audit.stored import UNREADABLE, damaged, problem_of, read_case, read_event
from complaintkit.errors import InvalidInput
from complaintkit.model.case import Case
from complaintkit.model.complaint import parse_instant
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import apply, open_case
from complaintkit.reports.scope import Scope
from complaintkit.storage.base import Storage
from complaintkit.storage.json_text import stored_text
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_read_only import connect_read_only


def _read_only(storage: SQLiteStorage) -> sqlite3.Connection:
    db = connect_read_only(storage.path)
    db.text_factory = stored_text  # a body that is not UTF-8 is a damaged record
    return db


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
    SELECT e.case_id, e.seq, e.body FROM events e JOIN cases c ON c.id = e.case_id
    WHERE c.opened_at >= ? AND c.opened_at < ? ORDER BY e.case_id, e.seq
"""


def _sqlite_histories(storage: SQLiteStorage, scope: Scope) -> Iterator[list[CaseEvent]]:
    since = -math.inf if scope.since is None else scope.since.timestamp()
    until = math.inf if scope.until is None else scope.until.timestamp()
    with closing(_read_only(storage)) as db:
        rows = db.execute(_EVENTS_IN_RANGE, (since, until))
        for case_id, group in groupby(rows, key=lambda row: row[0]):
            yield [read_event(body, case_id, seq) for _, seq, body in group]


def rebuilt(events: Sequence[CaseEvent]) -> Case:
    """The stored case its events fold into, or ``DamagedRecord`` naming the first event
    that does not fold (valid JSON holding no usable event: a field of the wrong kind)."""
    first = events[0]
    with _naming(first):
        if first.kind != "opened":
            raise InvalidInput("kind", f"a history starts with 'opened', not {first.kind!r}")
        case = open_case(first)
    for event in events[1:]:
        with _naming(event):
            apply(case, event)
    return case


@contextmanager
def _naming(event: CaseEvent) -> Iterator[None]:
    try:
        yield
    except UNREADABLE as exc:
        raise damaged(f"case {event.case_id}: stored event {event.seq}", problem_of(exc)) from None


#: The case the store changed last, read only from rows whose ``updated_at`` SQLite can
#: order; a row it cannot (broken JSON, no instant) sorts first, to be reported.
_LATEST_CHANGE = """
    SELECT id, body, updated_at, julianday(updated_at) IS NOT NULL AS readable FROM (
        SELECT id, body, CASE WHEN json_valid(body) THEN CASE
            WHEN json_type(body, '$.updated_at') = 'text' THEN json_extract(body, '$.updated_at')
        END END AS updated_at FROM cases
    ) ORDER BY readable, julianday(updated_at) DESC LIMIT 1
"""


def history_end(storage: Storage) -> datetime | None:
    """The latest instant the store records a change at (its last tick or action)."""
    if isinstance(storage, SQLiteStorage):
        with closing(_read_only(storage)) as db:
            row = db.execute(_LATEST_CHANGE).fetchone()
        if row is None:
            return None
        case_id, body, updated_at, readable = row
        try:
            if readable:
                return parse_instant(updated_at, "updated_at")
        except InvalidInput:
            pass
        read_case(body, case_id)  # names what is wrong with the row, if it can
        raise damaged(f"case {case_id}", f"updated_at {updated_at!r} is not an instant")
    latest = None
    for case_id in storage.case_ids():
        at = storage.get(case_id).updated_at
        latest = at if latest is None or at > latest else latest
    return latest
