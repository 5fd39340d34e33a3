"""Writing cases and events to SQLite: their rows, report facts, event log and ledger.

The report facts, the event log and the ``reopened`` counts were derived by triggers, one
trigger program per written row, which cost intake and ticks more than the rows themselves;
these functions write them with one statement per table and batch, in the caller's
transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from typing import Any

from complaintkit.audit.keys import AuditKey
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.instants import iso_text
from complaintkit.storage import sqlite_ledger
from complaintkit.storage.json_text import dumps_utf8
from complaintkit.storage.sqlite_facts import FACTS, REMEDIES, REOPENED, SLA, FactTable, fact_rows
from complaintkit.storage.sqlite_transaction import shared_part

_KEYS_PER_QUERY = 400  # 800 bound values: far below SQLite's limit, few distinct statements
#: The body is bound as its UTF-8 bytes (``dumps_utf8``) and stored as text: SQLite reads
#: a blob cast to text as text in the database's encoding, UTF-8, byte for byte.
_INSERT_CASE = (
    "INSERT INTO cases (version, status, is_open, customer_id, owner, category, "
    "opened_at, next_deadline, body, id, planned_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?)"
)

#: Keep a dead letter unless the same one is kept: the look-up goes by (source, reason),
#: which names the row or the case, so it stays one index probe however many are kept.
KEEP_DEAD_LETTER = (
    "INSERT INTO dead_letters (source, raw, reason, at) SELECT ?, ?, ?, ? "
    "WHERE NOT EXISTS (SELECT 1 FROM dead_letters WHERE source = ? AND reason = ? AND raw = ?)"
)
_REQUEUE_DEAD = (
    "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ? "
    "WHERE state = 'dead' AND via = coalesce(?, via)"
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


def _row(case: Case) -> tuple[Any, ...]:
    """The columns of ``_INSERT_CASE`` for ``case``."""
    deadline = None if case.next_deadline is None else case.next_deadline.timestamp()
    return (
        case.version,
        case.status.value,
        int(case.is_open),
        case.customer_id,
        case.owner,
        case.category,
        case.opened_at.timestamp(),
        deadline,
        dumps_utf8(case.to_json(shared=True)),
        case.id,
        case.planned_by,
    )


#: Saving a case leaves ``customer_id`` and ``opened_at`` alone: both are fixed when the
#: case opens, and an index is rewritten for every column an ``UPDATE`` sets. The caller
#: writes the report facts (``write_facts``) in the same transaction. A case saved with no
#: ``planned_by`` keeps the one stored.
UPDATE_CASE = (
    "UPDATE cases SET version = ?1, status = ?2, is_open = ?3, owner = ?4, category = ?5, "
    "next_deadline = ?6, body = CAST(?7 AS TEXT), planned_by = coalesce(?10, planned_by) "
    "WHERE id = ?8 AND version = ?9"
)


def update_row(case: Case, expected: int) -> tuple[Any, ...]:
    """The parameters of ``UPDATE_CASE`` saving ``case`` over the stored version ``expected``."""
    version, status, is_open, _, owner, category, _, deadline, body, id_, planned_by = _row(case)
    return (version, status, is_open, owner, category, deadline, body, id_, expected, planned_by)


#: A batch's saves (``update_cases``) set the columns each of them changes, then the others
#: only on the rows where they differ: SQLite rewrites a row's entry in every index on a
#: column an ``UPDATE`` sets, changed or not, and a tick's saves leave ``status``, ``owner``
#: and ``planned_by`` (each under an index) as they were for most cases.
_UPDATE_SAVED = (
    "UPDATE cases SET version = ?, next_deadline = ?, body = CAST(? AS TEXT) "
    "WHERE id = ? AND version = ?"
)
_UPDATE_MOVED = (
    "UPDATE cases SET status = ?1, is_open = ?2, owner = ?3, category = ?4, "
    "planned_by = coalesce(?7, planned_by) WHERE id = ?5 AND version = ?6 "
    "AND (status IS NOT ?1 OR is_open IS NOT ?2 OR owner IS NOT ?3 OR category IS NOT ?4 "
    "OR planned_by IS NOT coalesce(?7, planned_by))"
)


def update_cases(db: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> int:
    """Save the cases of ``rows`` (``update_row``'s), leaving every row as ``UPDATE_CASE``
    would; return how many were stored at the version expected."""
    saved = db.executemany(_UPDATE_SAVED, [(r[0], r[5], r[6], r[7], r[8]) for r in rows])
    db.executemany(_UPDATE_MOVED, [(r[1], r[2], r[3], r[4], r[7], r[0], r[9]) for r in rows])
    return saved.rowcount


def insert_cases(db: sqlite3.Connection, cases: Sequence[Case]) -> None:
    """Insert new ``cases`` with their report facts (new ids: no stored rows to read)."""
    db.executemany(_INSERT_CASE, [_row(case) for case in cases])
    write_facts(db, cases, new=True)


def write_facts(db: sqlite3.Connection, cases: Sequence[Case], *, new: bool = False) -> None:
    """Bring the report rows of ``cases`` in step with them: one read per table for the
    batch (none for ``new`` cases), then only the rows that differ are written (most saves
    change none)."""
    derived = [fact_rows(case) for case in cases]
    wanted = (
        (FACTS, [rows.facts for rows in derived]),
        (SLA, [row for rows in derived for row in rows.sla]),
        (REMEDIES, [row for rows in derived for row in rows.remedies]),
    )
    if new:  # nothing stored to compare with: every row is written as it is
        for table, rows in wanted:
            db.executemany(table.upsert, rows)
        return
    ids = json.dumps([case.id for case in cases])
    for table, rows in wanted:
        _sync(db, table, rows, ids)


def _sync(
    db: sqlite3.Connection, table: FactTable, wanted: list[tuple[Any, ...]], ids: str
) -> None:
    """Make ``table``'s rows of the cases ``ids`` (a JSON list) the ``wanted`` ones:
    delete those whose key is no longer wanted, write those not stored as they are; a
    stored row of a table naming its columns by setting only those that differ
    (``case_facts``, whose dozen indexes an escalation's change of one column would all
    rewrite)."""
    stored = _stored_rows(db, table.select, ids)
    key = table.key
    keys = {row[:key] for row in wanted}
    db.executemany(table.delete, [row[:key] for row in stored if row[:key] not in keys])
    held = {row[:key]: row for row in stored}
    new: list[tuple[Any, ...]] = []
    changed: dict[tuple[int, ...], list[tuple[Any, ...]]] = {}
    for row in wanted:
        if row in stored:
            continue
        old = held.get(row[:key])
        whole = old is None or not table.columns or len(old) != len(row)
        columns = () if whole or old is None else _differing(old, row, key)  # (old: for mypy)
        if not columns:  # (or a key stored as another type)
            new.append(row)
            continue
        changed.setdefault(columns, []).append((*(row[i] for i in columns), *row[:key]))
    db.executemany(table.upsert, new)
    for columns, params in changed.items():
        db.executemany(_update(table, columns), params)


def _stored_rows(db: sqlite3.Connection, select: str, ids: str) -> set[tuple[Any, ...]]:
    """The stored report rows ``select`` finds, their text decoded by sqlite3 itself: the
    store's text factory (``stored_text``, which keeps text that is no UTF-8 as its bytes)
    is a Python call per text value, a dozen per case a tick saves. Rows that sqlite3
    cannot decode (text damaged outside complaintkit) are read again through it."""
    factory = db.text_factory
    db.text_factory = str
    try:
        return set(db.execute(select, (ids,)))
    except sqlite3.OperationalError:  # text that is no UTF-8; any other failure recurs
        db.text_factory = factory
        return set(db.execute(select, (ids,)))
    finally:
        db.text_factory = factory


def _differing(stored: tuple[Any, ...], wanted: tuple[Any, ...], key: int) -> tuple[int, ...]:
    """The places past the key where writing ``wanted`` changes ``stored``."""
    return tuple(i for i in range(key, len(wanted)) if not _same(stored[i], wanted[i]))


def _same(stored: Any, wanted: Any) -> bool:
    """Whether writing ``wanted`` over ``stored`` leaves the value as it is (a zero is
    written again: 0.0 and -0.0 are equal)."""
    return (
        type(stored) is type(wanted)
        and stored == wanted
        and (type(stored) is not float or stored != 0)
    )


def _update(table: FactTable, columns: tuple[int, ...]) -> str:
    """``UPDATE`` setting the ``columns`` (by place) of a row of ``table`` found by its key."""
    names = table.columns
    where = " AND ".join(f"{name} = ?" for name in names[: table.key])
    return f"UPDATE {table.name} SET {', '.join(f'{names[i]} = ?' for i in columns)} WHERE {where}"  # noqa: S608 -- fixed names, values bound


def insert_events(
    db: sqlite3.Connection, events: Sequence[CaseEvent], key: AuditKey | None
) -> None:
    """Store ``events`` in the event log's (commit) order, count reopenings in the report
    facts, and commit their cases' new heads to the ledger."""
    db.executemany(
        "INSERT INTO events (case_id, seq, kind, at, body) VALUES (?, ?, ?, ?, ?)",
        [(e.case_id, e.seq, e.kind, iso_text(e.at), e.stored_json()) for e in events],
    )
    with shared_part("the event log (table event_log)"):
        db.executemany(
            "INSERT INTO event_log (case_id, seq) VALUES (?, ?)",
            [(e.case_id, e.seq) for e in events],
        )
    reopened = [  # told by their kind first: few events are transitions
        (e.case_id,) for e in events if e.kind == "transitioned" and e.data.get("to") == "reopened"
    ]
    if reopened:
        db.executemany(REOPENED, reopened)
    with shared_part("the audit ledger (table ledger)"):
        sqlite_ledger.commit_events(db, events, key)


def requeue_dead(
    db: sqlite3.Connection, delivery_ids: Collection[str] | None, via: str | None, due: float
) -> int:
    """Dead deliveries back to pending, due at ``due`` (``Storage.requeue_dead``)."""
    if delivery_ids is None:
        return db.execute(_REQUEUE_DEAD, (due, via)).rowcount
    return sum(
        db.execute(_REQUEUE_DEAD + " AND delivery_id = ?", (due, via, id_)).rowcount
        for id_ in sorted(set(delivery_ids))
    )
