"""Writing new cases and events to SQLite: their rows, report facts, event log and ledger.

The facts of new cases (``NEW_CASE_FACTS``), the event log and the ``reopened`` counts were
derived by triggers, one trigger program per inserted row, which cost intake more than
the rows themselves; these functions write them with one statement per table and batch,
in the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from complaintkit.audit.keys import AuditKey
from complaintkit.model.events import CaseEvent
from complaintkit.storage import sqlite_ledger
from complaintkit.storage.sqlite_facts import NEW_CASE_FACTS, REOPENED

_KEYS_PER_QUERY = 400  # 800 bound values: far below SQLite's limit, few distinct statements
_INSERT_CASE = (
    "INSERT INTO cases (version, status, is_open, customer_id, owner, category, "
    "opened_at, next_deadline, body, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def held_cases(
    db: sqlite3.Connection, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """The stored body of the case holding each of ``keys`` that intake already holds, a
    few hundred keys per query: one query for a batch instead of one per complaint (new
    keys are the rule, so most find nothing)."""
    unique = list(dict.fromkeys(keys))
    held: dict[tuple[str, str], str] = {}
    for start in range(0, len(unique), _KEYS_PER_QUERY):
        chunk = unique[start : start + _KEYS_PER_QUERY]
        pairs = ", ".join(["(?, ?)"] * len(chunk))
        sql = (
            f"SELECT k.channel, k.external_id, c.body FROM (VALUES {pairs}) AS v "  # noqa: S608 -- placeholders only
            "JOIN intake_keys AS k ON k.channel = v.column1 AND k.external_id = v.column2 "
            "JOIN cases AS c ON c.id = k.case_id"
        )
        rows = db.execute(sql, [part for key in chunk for part in key]).fetchall()
        held.update({(channel, external_id): body for channel, external_id, body in rows})
    return held


def insert_cases(db: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert new cases' ``rows`` (``cases`` columns, id last) and derive their report facts."""
    (last,) = db.execute("SELECT coalesce(max(rowid), 0) FROM cases").fetchone()
    db.executemany(_INSERT_CASE, rows)
    for statement in NEW_CASE_FACTS:
        db.execute(statement, (last,))


def _reopens(event: CaseEvent) -> bool:
    return event.kind == "transitioned" and event.data.get("to") == "reopened"


def insert_events(
    db: sqlite3.Connection, events: Sequence[CaseEvent], key: AuditKey | None
) -> None:
    """Store ``events`` in the event log's (commit) order, count reopenings in the report
    facts, and commit their cases' new heads to the ledger."""
    db.executemany(
        "INSERT INTO events (case_id, seq, kind, at, body) VALUES (?, ?, ?, ?, ?)",
        [(e.case_id, e.seq, e.kind, e.at.isoformat(), e.stored_json()) for e in events],
    )
    db.executemany(
        "INSERT INTO event_log (case_id, seq) VALUES (?, ?)", [(e.case_id, e.seq) for e in events]
    )
    reopened = [(e.case_id,) for e in events if _reopens(e)]
    if reopened:
        db.executemany(REOPENED, reopened)
    sqlite_ledger.commit_events(db, events, key)
