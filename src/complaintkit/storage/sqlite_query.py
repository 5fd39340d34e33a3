"""A ``CaseQuery`` in SQLite's SQL, and the cases its rows hold, damaged ones named.

``find`` ends at the first case whose stored body cannot be read (``DamagedRecord``): a
caller that needs every case it matched, right, cannot go on. ``cases list`` can: it lists
the readable ones and names each damaged one, so one edited row does not hide the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from complaintkit.audit.stored import read_case
from complaintkit.errors import DamagedRecord
from complaintkit.model.case import Case
from complaintkit.storage.base import CaseQuery


def where(query: CaseQuery) -> tuple[str, list[Any]]:
    """``query``'s filters as a WHERE clause on ``cases``, and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("status", None if query.status is None else query.status.value),
        ("customer_id", query.customer_id),
        ("owner", query.owner),
        ("category", query.category),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if query.opened_since is not None:
        clauses.append("opened_at >= ?")
        params.append(query.opened_since.timestamp())
    if query.open_only:
        clauses.append("is_open = 1")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def found(query: CaseQuery) -> tuple[str, list[Any]]:
    """The SELECT of (id, body) of the cases ``query`` matches, oldest first."""
    clause, params = where(query)
    limit = "" if query.limit is None else f" LIMIT {int(query.limit)}"
    return f"SELECT id, body FROM cases{clause} ORDER BY opened_at, id{limit}", params  # noqa: S608 -- columns are fixed, values are bound


def cases_read(
    rows: Sequence[tuple[Any, Any]], damaged: list[DamagedRecord] | None = None
) -> list[Case]:
    """The case of each (id, body) row; a damaged body raises ``DamagedRecord`` naming its
    case by the id column, or, given a ``damaged`` list, is added to it and the rest read."""
    cases: list[Case] = []
    for id_, body in rows:
        try:
            cases.append(read_case(body, id_ if isinstance(id_, str) else None))
        except DamagedRecord as exc:
            if damaged is None:
                raise
            damaged.append(exc)
    return cases
