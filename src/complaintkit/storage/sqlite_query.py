"""A ``CaseQuery`` in SQLite's SQL: the WHERE clause, and the SELECT of ``find``."""

from __future__ import annotations

from typing import Any

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
    if query.opened_before is not None:
        clauses.append("opened_at < ?")
        params.append(query.opened_before.timestamp())
    if query.open_only:
        clauses.append("is_open = 1")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def found(query: CaseQuery) -> tuple[str, list[Any]]:
    """The SELECT of (id, body) of the cases ``query`` matches, oldest first."""
    clause, params = where(query)
    limit = "" if query.limit is None else f" LIMIT {int(query.limit)}"
    return f"SELECT id, body FROM cases{clause} ORDER BY opened_at, id{limit}", params  # noqa: S608 -- columns are fixed, values are bound
