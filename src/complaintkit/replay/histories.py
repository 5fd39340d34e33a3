"""Stored histories, one case at a time, the cases they rebuild, and the instant the
stored history ends. A damaged case is a ``DamagedCase`` in the stream, naming it and what
is wrong, so a replay reports it and goes on with the others.

SQLite streams every event in one ordered query on a read-only connection (memory holds
one case's events); a backend with a ``histories(since, until)`` method (the PostgreSQL
plugin) streams its own; others are read case by case through the ``Storage`` interface.
Either way nothing is written.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from datetime import datetime
from itertools import groupby
from typing import Any

import attrs

from complaintkit.audit.sql_text import NOT_TEXT
from complaintkit.audit.stored import UNREADABLE, damaged, problem_of, read_case, read_event
from complaintkit.errors import DamagedRecord, InvalidInput, NotFound, UnknownEventKind
from complaintkit.model.audit import sealed_elsewhere, verify_chain
from complaintkit.model.case import Case
from complaintkit.model.complaint import parse_instant
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import apply, open_case
from complaintkit.reports.scope import Scope
from complaintkit.storage.base import Storage
from complaintkit.storage.json_text import stored_text
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_read_only import connect_read_only
from complaintkit.storage.sqlite_transaction import failed_read, the_store_failing


@attrs.frozen
class DamagedCase:
    """A stored case too damaged to replay, in place of its history: which, and why."""

    case_id: str
    error: DamagedRecord


@contextmanager
def read_only(storage: SQLiteStorage) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the store's file, closed after the block; the file
    failing under it (a damaged page) is a ``StorageError`` naming it, as for the store's
    own reads, not a traceback."""
    try:
        with closing(connect_read_only(storage.path)) as db:
            db.text_factory = stored_text  # a body that is not UTF-8 is a damaged record
            yield db
    except sqlite3.DatabaseError as exc:
        if not the_store_failing(exc):
            raise
        raise failed_read(storage.path, exc) from exc


def _in_scope(opened_at: datetime, scope: Scope) -> bool:
    return (scope.since is None or opened_at >= scope.since) and (
        scope.until is None or opened_at < scope.until
    )


def stored_histories(storage: Storage, scope: Scope) -> Iterator[list[CaseEvent] | DamagedCase]:
    """Each stored case's events in order, for cases opened in ``scope``'s time range; a
    case whose events cannot be read is a ``DamagedCase`` (on a backend read case by case,
    whatever its opening, which is not known)."""
    if isinstance(storage, SQLiteStorage):
        yield from _sqlite_histories(storage, scope)
        return
    streamed = getattr(storage, "histories", None)
    if callable(streamed):
        yield from streamed(scope.since, scope.until)
        return
    for case_id in storage.case_ids():
        try:
            events = filed_under(case_id, storage.events(case_id))
        except DamagedRecord as exc:
            yield DamagedCase(case_id, exc)
            continue
        if _in_scope(events[0].at, scope):
            yield events


_EVENTS_IN_RANGE = """
    SELECT e.case_id, e.seq, e.body FROM events e JOIN cases c ON c.id = e.case_id
    WHERE c.opened_at >= ? AND c.opened_at < ? ORDER BY e.case_id, e.seq
"""


def _bounds(scope: Scope) -> tuple[float, float]:
    """``scope``'s time range as the seconds SQLite's ``opened_at`` column holds."""
    since = -math.inf if scope.since is None else scope.since.timestamp()
    until = math.inf if scope.until is None else scope.until.timestamp()
    return since, until


def _sqlite_histories(
    storage: SQLiteStorage, scope: Scope
) -> Iterator[list[CaseEvent] | DamagedCase]:
    since, until = _bounds(scope)
    with read_only(storage) as db:
        rows = db.execute(_EVENTS_IN_RANGE, (since, until))
        for case_id, group in groupby(rows, key=lambda row: row[0]):
            yield read_history(case_id, group)


def read_history(case_id: str, rows: Iterable[Sequence[Any]]) -> list[CaseEvent] | DamagedCase:
    """One case's stored ``(case_id, seq, body)`` rows as its events, or the
    ``DamagedCase`` naming the first that cannot be read (a streaming backend's reader)."""
    try:
        return filed_under(case_id, [_sealed_event(body, case_id, seq) for _, seq, body in rows])
    except DamagedRecord as exc:
        return DamagedCase(case_id, exc)


def _sealed_event(body: str | bytes | dict[str, Any], case_id: str, seq: int) -> CaseEvent:
    """``read_event``, refusing a body stored as bytes as ``audit verify`` does: a blob of
    the sealed JSON reads alike here, but not to the SQL that queries, reports and the
    event feed run on it."""
    if isinstance(body, bytes):
        raise damaged(f"case {case_id}: stored event {seq}", NOT_TEXT)
    return read_event(body, case_id, seq)


def filed_under(case_id: str, events: list[CaseEvent]) -> list[CaseEvent]:
    """``events``, read under ``case_id``, or ``DamagedRecord`` naming the first sealed
    for another case: copied or moved there, they would be replayed as that case (counted
    twice, this one never), their hashes as sound as where they were sealed."""
    for event in events:
        if event.case_id != case_id:
            raise damaged(
                f"case {case_id}: stored event {event.seq}",
                sealed_elsewhere(event.case_id, case_id),
            )
    return events


def rebuilt(events: Sequence[CaseEvent], stored: Sequence[object] | None = None) -> Case:
    """The stored case its events fold into, or ``DamagedRecord`` naming the first event
    that does not fold (valid JSON holding no usable event: a field of the wrong kind) or
    is not the one complaintkit sealed there (``_refuse_unsealed``; ``stored``, the seq
    each is stored at when known, names it where it is)."""
    _refuse_unsealed(events, stored)
    first = events[0]
    with _naming(first):
        if first.kind != "opened":
            raise InvalidInput("kind", f"a history starts with 'opened', not {first.kind!r}")
        case = open_case(first)
    for event in events[1:]:
        with _naming(event):
            apply(case, event)
    return case


def _refuse_unsealed(events: Sequence[CaseEvent], stored: Sequence[object] | None) -> None:
    """Refuse a history edited behind complaintkit's back, readable as it may be: an event
    whose hash no longer covers it, one taken out, or one not chaining from the event
    before it (``DamagedRecord``, naming it as ``audit verify`` does). Replayed, an answer
    moved earlier would back a policy decision with what never happened, and the policy in
    force would call it unchanged."""
    case_id = events[0].case_id
    try:
        broken = verify_chain(case_id, events, stored)
    except UNREADABLE as exc:  # an edited body holding a value no event has
        problem = f"its history cannot be checked: {problem_of(exc)}"
        raise damaged(f"case {case_id}", problem) from None
    if broken is not None:
        raise damaged(f"case {case_id}: stored event {broken.seq}", broken.problem)


@contextmanager
def _naming(event: CaseEvent) -> Iterator[None]:
    try:
        yield
    except UnknownEventKind:  # names its case and event: no damage, a newer version's
        raise
    except UNREADABLE as exc:
        raise damaged(f"case {event.case_id}: stored event {event.seq}", problem_of(exc)) from None


#: The cases by their last change, latest first, after the rows whose ``updated_at``
#: SQLite cannot order (broken JSON, no instant): those come first, to be reported.
_CHANGES = """
    SELECT id, body, updated_at, julianday(updated_at) IS NOT NULL AS readable, opened_at FROM (
        SELECT id, body, opened_at, CASE WHEN json_valid(body) THEN CASE
            WHEN json_type(body, '$.updated_at') = 'text' THEN json_extract(body, '$.updated_at')
        END END AS updated_at FROM cases
    ) ORDER BY readable, julianday(updated_at) DESC
"""


def history_end(
    storage: Storage, scope: Scope | None = None
) -> tuple[datetime | None, list[DamagedCase]]:
    """The latest instant the store records a change at (its last tick or action), read
    from the case rows that say one, and each case whose row says none (of those opened in
    ``scope``'s time range)."""
    unreadable: list[DamagedCase] = []
    scope = scope or Scope()
    since, until = _bounds(scope)
    if isinstance(storage, SQLiteStorage):
        with read_only(storage) as db:
            for case_id, body, updated_at, readable, opened in db.execute(_CHANGES):
                try:
                    if readable:
                        return parse_instant(updated_at, "updated_at"), unreadable
                except InvalidInput:
                    pass
                if not isinstance(opened, float | int) or since <= opened < until:
                    damage = _damaged_row(case_id, body, updated_at)
                    unreadable.append(DamagedCase(case_id, damage))
        return None, unreadable
    ended = getattr(storage, "history_end", None)
    if callable(ended):  # a backend reading every row at once (PostgreSQL): not one a case
        found: tuple[datetime | None, list[DamagedCase]] = ended(scope.since, scope.until)
        return found
    latest = None
    for case_id in storage.case_ids():
        try:
            at = storage.get(case_id).updated_at
        except DamagedRecord as exc:
            if _opened_in(storage, case_id, scope):
                unreadable.append(DamagedCase(case_id, exc))
            continue
        latest = at if latest is None or at > latest else latest
    return latest, unreadable


def _opened_in(storage: Storage, case_id: str, scope: Scope) -> bool:
    """Whether the case whose row is damaged was opened in ``scope``'s time range, as its
    first event says (as SQLite's ``opened_at`` column does); unreadable or missing events
    cannot say, and the case is named (a backend has no events of a case as ``NotFound``:
    the store holds the row, so that is damage, not an unknown case)."""
    try:
        events = storage.events(case_id)
    except (DamagedRecord, NotFound):
        return True
    return not events or _in_scope(events[0].at, scope)


def _damaged_row(case_id: str, body: str | bytes, updated_at: object) -> DamagedRecord:
    """What is wrong with a case row whose ``updated_at`` is no instant."""
    try:
        read_case(body, case_id)  # names what is wrong with the row, if it can
    except DamagedRecord as exc:
        return exc
    return damaged(f"case {case_id}", f"updated_at {updated_at!r} is not an instant")
