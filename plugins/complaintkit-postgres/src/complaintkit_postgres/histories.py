"""Stored histories streamed from PostgreSQL for ``complaintkit replay``, and where they end.

One ordered query through a server-side cursor: a round trip per page of events rather than
per case, and the memory of one case's events whatever the size of the store. A case whose
events cannot be read comes as the ``DamagedCase`` naming it, and the stream goes on. Where
the history ends is read the same way, from every case row in one query.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import groupby
from typing import TYPE_CHECKING, Any

from complaintkit.audit.stored import events_read, read_case
from complaintkit.errors import DamagedRecord
from complaintkit.model.events import CaseEvent
from complaintkit.replay.histories import DamagedCase, read_history
from complaintkit.reports.scope import Scope

if TYPE_CHECKING:
    from complaintkit_postgres.storage import PostgresStorage

_EVENTS_IN_RANGE = """
    SELECT e.case_id, e.seq, e.body FROM events e JOIN cases c ON c.id = e.case_id
    WHERE c.opened_at >= %s AND c.opened_at < %s ORDER BY e.case_id, e.seq
"""


def stored_histories(
    storage: PostgresStorage, since: datetime | None, until: datetime | None
) -> Iterator[list[CaseEvent] | DamagedCase]:
    """Each case's events in order, for the cases opened in ``[since, until)``."""
    bounds = ("-infinity" if since is None else since, "infinity" if until is None else until)
    with (
        storage.connection() as conn,
        conn.transaction(),
        conn.cursor(name="complaintkit_histories") as cursor,
    ):
        cursor.itersize = 10_000
        cursor.execute(_EVENTS_IN_RANGE, bounds)
        for case_id, rows in groupby(cursor, key=lambda row: row[0]):
            yield read_history(case_id, rows)


_CASE_ROWS = 'SELECT id, body FROM cases ORDER BY id COLLATE "C"'
_EVENTS_OF = "SELECT case_id, seq, body FROM events WHERE case_id = ANY(%s) ORDER BY case_id, seq"


def history_end(
    storage: PostgresStorage, since: datetime | None, until: datetime | None
) -> tuple[datetime | None, list[DamagedCase]]:
    """The latest ``updated_at`` of the readable case rows, and each case whose row cannot
    be read, opened in ``[since, until)`` as its first event says (named whatever the range
    when its events are unreadable or gone): what the case-by-case read of the ``Storage``
    methods gives, in two queries rather than two a case."""
    latest: datetime | None = None
    unreadable: dict[str, DamagedRecord] = {}
    with (
        storage.connection() as conn,
        conn.transaction(),
        conn.cursor(name="complaintkit_history_end") as cursor,
    ):
        cursor.itersize = 10_000
        cursor.execute(_CASE_ROWS)
        for case_id, body in cursor:
            try:
                at = read_case(body, case_id).updated_at
            except DamagedRecord as exc:
                unreadable[case_id] = exc
                continue
            latest = at if latest is None or at > latest else latest
        rows = conn.execute(_EVENTS_OF, (list(unreadable),)).fetchall() if unreadable else []
    events = {
        case_id: [(seq, body) for _, seq, body in group]
        for case_id, group in groupby(rows, key=lambda row: row[0])
    }
    scope = Scope(since=since, until=until)
    return latest, [
        DamagedCase(case_id, exc)
        for case_id, exc in unreadable.items()
        if _opened_in(case_id, events.get(case_id, []), scope)
    ]


def _opened_in(case_id: str, rows: list[tuple[int, object]], scope: Scope) -> bool:
    """Whether the case was opened in ``scope``, as its first event says; with none, or
    one unreadable, nothing says, and the case counts as in it (to be named)."""
    try:
        events = events_read(rows, case_id)
    except DamagedRecord:
        return True
    return not events or scope.covers(events[0].at)


#: The rows whose columns may disagree with their opening (its ``at`` column is checked
#: against its sealed body where the case is replayed): the others' are not parsed.
_OPENINGS = """
    SELECT c.id, c.customer_id, c.opened_at, e.body FROM cases c
    JOIN events e ON e.case_id = c.id AND e.seq = 1
    WHERE c.customer_id IS DISTINCT FROM e.body #>> '{data,complaint,customer,id}'
        OR c.opened_at IS DISTINCT FROM e.at
"""


def case_openings(storage: PostgresStorage) -> Iterator[tuple[Any, Any, Any, Any]]:
    """The id, ``customer_id`` and ``opened_at`` columns of each case row that may be filed
    elsewhere than its first event says, with that event's body, streamed: what a replay
    checks the columns that file a case against."""
    with (
        storage.connection() as conn,
        conn.transaction(),
        conn.cursor(name="complaintkit_openings") as cursor,
    ):
        cursor.itersize = 10_000
        cursor.execute(_OPENINGS)
        yield from cursor
