"""The audit's look at PostgreSQL's report tables: a case's rows are the ones its row gives.

Reports read ``case_facts``, ``case_sla`` and ``case_remedies``, never case bodies; the
``case_facts_sync`` trigger writes them from each case row. A report row edited in the
database makes every report lie about a case whose history verifies, so the audit derives
the rows again, with the trigger's own expressions, from the case row it has found to agree
with its events, and names each that differs. Keep these expressions the trigger's:
``tests/reports/test_report_rows_audit.py`` verifies a day holding every kind of row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import Connection, Cursor
from psycopg.rows import TupleRow

from complaintkit.audit.columns import short
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit_postgres.instants import lenient

#: The facts row the trigger writes for case %(id)s, column for column.
_FACTS = """
    SELECT c.id, c.opened_at, c.status, c.category,
        c.body #>> '{complaints,0,channel}', c.body ->> 'severity',
        c.body #>> '{complaints,0,product}',
        round(extract(epoch FROM (c.body ->> 'first_response_at')::timestamptz
                                 - r.received)::numeric, 3)::double precision,
        round(extract(epoch FROM (c.body ->> 'resolved_at')::timestamptz
                                 - r.received)::numeric, 3)::double precision,
        (c.body #>> '{satisfaction,score}')::integer,
        coalesce((c.body ->> 'escalation_level')::integer, 0),
        c.body #>> '{root_cause,fishbone}', c.body #>> '{root_cause,nature}',
        c.body #> '{root_cause,whys}' ->> -1,
        c.body #> '{complaints,0,history}' IS NOT NULL,
        c.is_open, c.owner, c.body ->> 'team',
        coalesce(nullif(c.body #>> '{complaints,0,subject}', ''),
                 left(c.body #>> '{complaints,0,text}', 40)),
        s.metric, s.raw, s.due, r.received
    FROM cases c
    CROSS JOIN LATERAL (SELECT (c.body #>> '{complaints,0,received_at}')::timestamptz)
        AS r (received)
    LEFT JOIN LATERAL (
        SELECT k.key, k.value ->> 'due_at', (k.value ->> 'due_at')::timestamptz
        FROM jsonb_each(CASE jsonb_typeof(c.body -> 'clocks') WHEN 'object' THEN c.body -> 'clocks'
            ELSE '{}'::jsonb END) AS k
        WHERE left(k.key, 1) <> '_' AND jsonb_typeof(k.value) = 'object'
          AND k.value ->> 'state' = 'running' AND jsonb_typeof(k.value -> 'due_at') = 'string'
        ORDER BY (k.value ->> 'due_at')::timestamptz, k.key COLLATE "C" LIMIT 1
    ) AS s (metric, raw, due) ON true
"""
_STORED_FACTS = """
    SELECT id, opened_at, status, category, channel, severity, product, first_response_secs,
        resolution_secs, satisfaction, escalation_level, fishbone, nature, root_why, imported,
        is_open, owner, team, subject, due_metric, due_raw, due_at, received_at
    FROM case_facts
"""
_SLA = """
    SELECT c.id, k.key, coalesce(k.value ->> 'met_at', '') <> '',
        coalesce(k.value ->> 'breached_at', '') <> '' OR EXISTS (SELECT 1 FROM
            jsonb_array_elements(CASE jsonb_typeof(k.value -> 'cycles') WHEN 'array'
            THEN k.value -> 'cycles' ELSE '[]'::jsonb END) AS y
            WHERE coalesce(y ->> 'breached_at', '') <> ''), (k.value ->> 'due_at')::timestamptz,
        coalesce(k.value ->> 'outcome' = 'cancelled', false)
    FROM cases c, jsonb_each(CASE jsonb_typeof(c.body -> 'clocks') WHEN 'object' THEN c.body -> 'clocks'
            ELSE '{}'::jsonb END) AS k
    WHERE jsonb_typeof(k.value) = 'object' AND left(k.key, 1) <> '_'
"""
_STORED_SLA = "SELECT case_id AS id, metric, met, breached, due_at, cancelled FROM case_sla"
_REMEDIES = """
    SELECT c.id, ((d.seq - 1) * 1000 + (r.seq - 1))::integer, coalesce(r.value ->> 'kind', 'unknown'),
        r.value #>> '{amount,currency}', r.value #>> '{amount,amount}', d.value ->> 'status'
    FROM cases c,
        jsonb_array_elements(CASE jsonb_typeof(c.body -> 'compensation')
            WHEN 'array' THEN c.body -> 'compensation' ELSE '[]'::jsonb END)
            WITH ORDINALITY AS d (value, seq),
        jsonb_array_elements(CASE jsonb_typeof(d.value #> '{decision,remedies}')
            WHEN 'array' THEN d.value #> '{decision,remedies}' ELSE '[]'::jsonb END)
            WITH ORDINALITY AS r (value, seq)
    WHERE jsonb_typeof(d.value) = 'object' AND jsonb_typeof(r.value) = 'object'
"""
_STORED_REMEDIES = "SELECT case_id AS id, seq, remedy, currency, amount, status FROM case_remedies"

#: Each table: the rows the case rows give and the rows stored, each beginning with the
#: case id (``id``), and how many columns after it name a row.
_TABLES = (
    ("case_facts", _FACTS, _STORED_FACTS, 0),
    ("case_sla", _SLA, _STORED_SLA, 1),
    ("case_remedies", _REMEDIES, _STORED_REMEDIES, 1),
)

#: The ids of cases whose report rows differ from the ones their case rows give, in one
#: pass over the tables, so only those are compared row by row.
_DIFFERING = " UNION ".join(
    f"SELECT x.id FROM ((({wanted}) EXCEPT ({stored})) UNION ALL (({stored}) EXCEPT ({wanted}))) AS x"  # noqa: S608 -- fixed texts
    for _, wanted, stored, _ in _TABLES
)


class ReportCheck:
    """The audit's look at one snapshot's report rows."""

    def __init__(self, conn: Connection[TupleRow], case_id: str | None = None) -> None:
        """The check of every case; of ``case_id`` alone, compared row by row, without a
        pass over the store's report tables."""
        self.conn = conn
        self.differing = _differing(conn) if case_id is None else None

    def __call__(self, case: Case, events: Sequence[CaseEvent]) -> list[str]:
        """What in ``case``'s report rows differs from the rows its (verified) case row
        gives. ``events`` are not needed: reports count reopenings from the events."""
        if self.differing is not None and case.id not in self.differing:
            return []
        params = {"id": case.id}
        problems = []
        for name, wanted, stored, key in _TABLES:
            expected = _lenient_cursor(self.conn).execute(_of_case(wanted), params)
            found = _lenient_cursor(self.conn).execute(_of_case(stored), params)
            columns = [column.name for column in found.description or ()]
            problems += _differences(name, columns, expected.fetchall(), found.fetchall(), key)
        return problems


def _lenient_cursor(conn: Connection[TupleRow]) -> Cursor[TupleRow]:
    """A cursor reading an instant edited past what Python holds (``infinity``) as its text,
    which then differs from the instant the history gives: a finding, not the audit's end."""
    cursor = conn.cursor()
    lenient(cursor)
    return cursor


def _of_case(query: str) -> str:
    return f"SELECT * FROM ({query}) AS q WHERE q.id = %(id)s"  # noqa: S608 -- fixed texts


def _differing(conn: Connection[TupleRow]) -> set[str] | None:
    """The cases whose report rows differ, or None when a case row's body cannot be read
    so (an edited row, a finding of its own): then every case is compared."""
    try:
        with conn.transaction():  # a savepoint: the snapshot goes on if this fails
            return {str(case_id) for (case_id,) in conn.execute(_DIFFERING)}
    except psycopg.DataError:
        return None


def _differences(
    name: str,
    columns: list[str],
    wanted: list[tuple[Any, ...]],
    stored: list[tuple[Any, ...]],
    key: int,
) -> list[str]:
    found = {row[1 : 1 + key]: row for row in stored}
    problems = []
    for row in wanted:
        named = row[1 : 1 + key]
        where = f"{name} row {', '.join(map(repr, named))}" if key else f"{name} row"
        said = found.pop(named, None)
        if said is None:
            problems.append(f"{where} is missing")
            continue
        problems += [
            f"{where}: {column} says {short(value)} but its history gives {short(truth)}"
            for column, value, truth in zip(columns, said, row, strict=True)
            if type(value) is not type(truth) or value != truth
        ]
    problems += [
        f"{name} row {', '.join(map(repr, extra))} has no counterpart in its history"
        for extra in found
    ]
    return problems


def orphan_rows(conn: Connection[TupleRow]) -> list[tuple[str, str]]:
    """Report rows of case ids no case row holds (counted by reports as cases)."""
    found = []
    for table, column in (
        ("case_facts", "id"),
        ("case_sla", "case_id"),
        ("case_remedies", "case_id"),
    ):
        query = (
            f"SELECT DISTINCT {column} FROM {table} WHERE {column} NOT IN (SELECT id FROM cases)"  # noqa: S608 -- fixed names
        )
        found += [
            (str(case_id), f"{table} holds rows for this case, which is not stored")
            for (case_id,) in conn.execute(query)
        ]
    return found
