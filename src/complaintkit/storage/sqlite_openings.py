"""A batch's customer-history counts from one query instead of one count per complaint.

``SQLiteStorage.count`` compares the ``opened_at`` column, a float timestamp, with the
instant's timestamp; these counts compare the very same floats, read once for the batch's
customers. A value of another type in the column (text or a blob, which SQLite orders after
every number) is counted at every instant, as SQLite counts it.
"""

from __future__ import annotations

import json
import math
import sqlite3
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

from complaintkit.storage.base import CaseQuery, unmatchable

#: The cases of the customers in a JSON list opened at or after a timestamp: the
#: ``cases_customer`` index, probed once per customer.
OPENINGS = (
    "SELECT customer_id, opened_at FROM cases "
    "WHERE customer_id IN (SELECT value FROM json_each(?)) AND opened_at >= ?"
)

#: The ``to`` of each acknowledgement queued at or after an instant. ``created_at`` is ISO
#: text at the clock's offset: its text at or after the instant's UTC wall clock less a day
#: (an offset is less than a day) keeps the scan to the outbox's last day or so, and
#: ``julianday``, which reads the offset, decides. A payload that is no JSON is no letter.
ACKNOWLEDGED = (
    "SELECT json_extract(payload, '$.to') FROM outbox WHERE kind = 'message' "
    "AND created_at >= ? AND julianday(created_at) >= julianday(?) "
    "AND CASE WHEN json_valid(payload) THEN json_extract(payload, '$.role') = 'customer' "
    "AND json_extract(payload, '$.event') = 'opened' ELSE 0 END"
)


def acknowledged_since(
    db: sqlite3.Connection, reading: AbstractContextManager[None], since: datetime
) -> list[str]:
    """``Storage.acknowledged_since`` from ``ACKNOWLEDGED``, read in ``reading``."""
    utc = since.astimezone(UTC).replace(tzinfo=None)
    with reading:
        rows = db.execute(ACKNOWLEDGED, ((utc - timedelta(days=1)).isoformat(), utc.isoformat()))
        return [str(to) for (to,) in rows.fetchall()]


class Openings:
    """Counts of each customer's cases opened at or after an instant, from ``OPENINGS``'
    rows read at ``since``; a customer not asked about, or an earlier instant, is counted
    by ``count`` (``Storage.openings``)."""

    def __init__(
        self,
        count: Callable[[CaseQuery], int],
        customer_ids: Iterable[str],
        rows: Iterable[tuple[str, Any]],
        since: float,
    ) -> None:
        self._count = count
        self._since = since
        self._times: dict[str, list[float]] = {customer: [] for customer in customer_ids}
        for customer, opened_at in rows:
            number = isinstance(opened_at, int | float)
            self._times[customer].append(opened_at if number else math.inf)
        for times in self._times.values():
            times.sort()

    def __call__(self, customer_id: str, at: datetime) -> int:
        times, moment = self._times.get(customer_id), at.timestamp()
        if times is None or moment < self._since:
            return self._count(CaseQuery(customer_id=customer_id, opened_since=at))
        return len(times) - bisect_left(times, moment)


def openings(
    db: sqlite3.Connection,
    reading: AbstractContextManager[None],
    count: Callable[[CaseQuery], int],
    customer_ids: Collection[str],
    since: datetime,
) -> Openings:
    """``Storage.openings``: one query for the batch's customers, read in ``reading``, and
    their questions answered from it."""
    wanted = [c for c in customer_ids if not unmatchable(c)]
    with reading:
        rows = db.execute(OPENINGS, (json.dumps(wanted), since.timestamp())).fetchall()
    return Openings(count, wanted, rows, since.timestamp())
