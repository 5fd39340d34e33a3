"""The audit's look at SQLite's report tables: a case's rows are the ones its history gives.

Reports read ``case_facts``, ``case_sla`` and ``case_remedies``, never case bodies, and
storage writes those rows from each case it saves (``fact_rows``). A report row edited in
the database makes every report lie about a case whose history verifies, so the audit
derives the rows again from the case its events replay into and names each that differs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from complaintkit.audit.columns import short
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.storage.sqlite_facts import FACTS, REMEDIES, SLA, FactTable, fact_rows

#: Durations and instants are float seconds rounded to milliseconds; closer is the same.
_SLACK = 0.0015


def report_problems(db: sqlite3.Connection, case: Case, events: Sequence[CaseEvent]) -> list[str]:
    """What in ``case``'s report rows differs from the rows its history gives."""
    ids = json.dumps([case.id])
    wanted = fact_rows(case)
    problems = _table_problems(db, "case_facts", FACTS, [wanted.facts], ids)
    problems += _table_problems(db, "case_sla", SLA, wanted.sla, ids)
    problems += _table_problems(db, "case_remedies", REMEDIES, wanted.remedies, ids)
    reopened = sum(e.kind == "transitioned" and e.data.get("to") == "reopened" for e in events)
    stored = db.execute("SELECT reopened FROM case_facts WHERE id = ?", (case.id,)).fetchall()
    if stored and not _same(stored[0][0], reopened):
        problems.append(
            f"case_facts.reopened says {short(stored[0][0])} but its events reopen it {reopened} "
            "times"
        )
    return problems


def _table_problems(
    db: sqlite3.Connection, name: str, table: FactTable, wanted: list[tuple[Any, ...]], ids: str
) -> list[str]:
    cursor = db.execute(table.select, (ids,))
    columns = [column[0] for column in cursor.description]
    stored = {row[1 : table.key]: row for row in cursor}
    problems = []
    for row in wanted:
        key = row[1 : table.key]
        where = f"{name} row {', '.join(map(repr, key))}" if key else f"{name} row"
        found = stored.pop(key, None)
        if found is None:
            problems.append(f"{where} is missing")
            continue
        problems += [
            f"{where}: {column} says {short(said)} but its history gives {short(truth)}"
            for column, said, truth in zip(columns, found, row, strict=True)
            if not _same(said, truth)
        ]
    problems += [
        f"{name} row {', '.join(map(repr, key))} has no counterpart in its history"
        for key in stored
    ]
    return problems


def _same(stored: Any, truth: Any) -> bool:
    """Exactly the same value, or numbers closer than ``_SLACK`` (a REAL column gives 3.0
    for 3, and SQLite rounds halves unlike Python)."""
    if type(stored) in (int, float) and type(truth) in (int, float):
        return bool(abs(stored - truth) < _SLACK)
    return type(stored) is type(truth) and bool(stored == truth)


def orphan_rows(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """Report rows of case ids no case row holds (counted by reports as cases): each
    (case id, problem)."""
    found = []
    for table, column in (
        ("case_facts", "id"),
        ("case_sla", "case_id"),
        ("case_remedies", "case_id"),
    ):
        sql = f"SELECT DISTINCT {column} FROM {table} WHERE {column} NOT IN (SELECT id FROM cases)"  # noqa: S608 -- fixed names
        found += [
            (str(case_id), f"{table} holds rows for this case, which is not stored")
            for (case_id,) in db.execute(sql)
        ]
    return found
