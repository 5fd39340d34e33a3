"""Stored histories streamed from PostgreSQL for ``complaintkit replay``.

One ordered query through a server-side cursor: a round trip per page of events rather than
per case, and the memory of one case's events whatever the size of the store. A case whose
events cannot be read comes as the ``DamagedCase`` naming it, and the stream goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import groupby
from typing import TYPE_CHECKING

from complaintkit.model.events import CaseEvent
from complaintkit.replay.histories import DamagedCase, read_history

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
