"""A ``CaseQuery`` as the SQL ``WHERE`` clause of ``find`` and ``count``."""

from __future__ import annotations

from typing import Any

from psycopg import sql

from complaintkit.storage.base import CaseQuery


def where_clause(query: CaseQuery) -> tuple[sql.Composable, list[Any]]:
    """`` WHERE …`` (empty for a query that selects every case) and its parameters."""
    clauses: list[sql.Composable] = []
    params: list[Any] = []
    for column, value in (
        ("status", None if query.status is None else query.status.value),
        ("customer_id", query.customer_id),
        ("owner", query.owner),
        ("category", query.category),
    ):
        if value is not None:
            clauses.append(sql.SQL("{} = %s").format(sql.Identifier(column)))
            params.append(value)
    if query.opened_since is not None:
        clauses.append(sql.SQL("opened_at >= %s"))
        params.append(query.opened_since)
    if query.opened_before is not None:
        clauses.append(sql.SQL("opened_at < %s"))
        params.append(query.opened_before)
    if query.open_only:
        clauses.append(sql.SQL("is_open"))
    if not clauses:
        return sql.SQL(""), params
    return sql.SQL(" WHERE ") + sql.SQL(" AND ").join(clauses), params
