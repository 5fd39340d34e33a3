"""Report facts for SQLite: narrow tables written in step with ``cases``.

Reports aggregate over a million cases in seconds only if they never parse case bodies
and never sort: each grouping and each duration has an index that yields it in order.
These tables hold the few fields reports group and measure by, one row per case (and one per
SLA clock and per remedy). Storage writes them from the ``Case`` it saves, inside the same
transaction as the case row, so a half-written change never shows up in a report; it
rewrites only the rows that differ from what is stored (most saves, a tick's warnings or a
note, change none). ``fact_rows`` is what a row holds. The SQL derivation from stored bodies
(``NEW_CASE_FACTS``) gives the same rows, for programs that write ``cases`` directly; the
triggers that once derived the rows on every update parsed two case bodies per update.

The migrations' trigger texts below are history: they run on stores older than the
migration that drops them. Their rows time durations from the opening; ``RECEIVED_AT`` adds
the complaint's receipt, which reports now count and time cases by.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, NamedTuple

from complaintkit.model.case import Case
from complaintkit.model.instants import seconds_between

_SECS = "round((julianday(json_extract(new.body, '$.{field}')) - 2440587.5) * 86400.0 - new.opened_at, 3)"

_FACT_VALUES = {
    "id": "new.id",
    "opened_at": "new.opened_at",
    "status": "new.status",
    "category": "new.category",
    "channel": "json_extract(new.body, '$.complaints[0].channel')",
    "severity": "json_extract(new.body, '$.severity')",
    "product": "json_extract(new.body, '$.complaints[0].product')",
    "first_response_secs": _SECS.format(field="first_response_at"),
    "resolution_secs": _SECS.format(field="resolved_at"),
    "satisfaction": "json_extract(new.body, '$.satisfaction.score')",
    "escalation_level": "coalesce(json_extract(new.body, '$.escalation_level'), 0)",
    "fishbone": "json_extract(new.body, '$.root_cause.fishbone')",
    "nature": "json_extract(new.body, '$.root_cause.nature')",
    "root_why": "json_extract(new.body, '$.root_cause.whys[#-1]')",
}

_INTO_FACTS = f"INSERT INTO case_facts ({', '.join(_FACT_VALUES)}) "
_ON_CONFLICT = " ON CONFLICT (id) DO UPDATE SET " + ", ".join(
    f"{name} = excluded.{name}" for name in _FACT_VALUES if name != "id"
)
_UPSERT_FACTS = f"{_INTO_FACTS}VALUES ({', '.join(_FACT_VALUES.values())}){_ON_CONFLICT}"

# Clocks and remedies are read defensively: their owners (SLA, compensation) define the shape.
# ('_' keys: the engine's bookkeeping.) ``{cases}``/``{only}`` are empty in the trigger and
# select the new rows of ``cases`` in ``NEW_CASE_FACTS``.
_SLA_INSERT = """
    INSERT INTO case_sla (case_id, metric, met, breached)
        SELECT new.id, key,
               json_extract(value, '$.met_at') IS NOT NULL,
               json_extract(value, '$.breached_at') IS NOT NULL
        FROM {cases}json_each(new.body, '$.clocks')
        WHERE {only}type = 'object' AND substr(key, 1, 1) != '_'"""
_SLA_ROWS = f"""
    DELETE FROM case_sla WHERE case_id = new.id;{_SLA_INSERT.format(cases="", only="")};
"""  # noqa: S608 -- fixed SQL text

# One row per remedy of each compensation decision, with the status of its entry.
_REMEDY_INSERT = """
    INSERT INTO case_remedies (case_id, seq, remedy, currency, amount, status)
        SELECT new.id, c.key * 1000 + r.key,
               coalesce(json_extract(r.value, '$.kind'), 'unknown'),
               json_extract(r.value, '$.amount.currency'),
               CAST(json_extract(r.value, '$.amount.amount') AS TEXT),
               json_extract(c.value, '$.status')
        FROM {cases}json_each(new.body, '$.compensation') c,
             json_each(c.value, '$.decision.remedies') r
        WHERE {only}c.type = 'object' AND r.type = 'object'"""
_REMEDY_ROWS = f"""
    DELETE FROM case_remedies WHERE case_id = new.id;{_REMEDY_INSERT.format(cases="", only="")};
"""  # noqa: S608 -- fixed SQL text
_TRIGGER_BODY = f"{_UPSERT_FACTS};{_SLA_ROWS}{_REMEDY_ROWS}"

#: Case events counted in ``case_facts.reopened``.
REOPENED = "UPDATE case_facts SET reopened = reopened + 1 WHERE id = ?"

#: Intake derived the facts of new cases itself and storage writes the event log and
#: ``reopened`` counts with the events, so the insert triggers went: the update triggers
#: stayed (until ``DROP_UPDATE_TRIGGERS``).
DROP_INSERT_TRIGGERS = """
    DROP TRIGGER IF EXISTS cases_facts_insert;
    DROP TRIGGER IF EXISTS events_reopened;
    DROP TRIGGER IF EXISTS events_logged;
"""

REPORT_FACTS = f"""
    CREATE TABLE case_facts (
        id TEXT PRIMARY KEY,
        opened_at REAL NOT NULL,
        status TEXT NOT NULL,
        category TEXT,
        channel TEXT,
        severity TEXT,
        product TEXT,
        first_response_secs REAL,
        resolution_secs REAL,
        satisfaction INTEGER,
        escalation_level INTEGER NOT NULL DEFAULT 0,
        fishbone TEXT,
        nature TEXT,
        root_why TEXT,
        reopened INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX case_facts_opened ON case_facts (opened_at);
    CREATE INDEX case_facts_category ON case_facts (category, opened_at);
    CREATE INDEX case_facts_channel ON case_facts (channel, opened_at);
    CREATE INDEX case_facts_severity ON case_facts (severity, opened_at);
    CREATE INDEX case_facts_product ON case_facts (product, opened_at);
    CREATE INDEX case_facts_first_response ON case_facts (first_response_secs, opened_at)
        WHERE first_response_secs IS NOT NULL;
    CREATE INDEX case_facts_resolution ON case_facts (resolution_secs, opened_at)
        WHERE resolution_secs IS NOT NULL;
    CREATE INDEX case_facts_escalation ON case_facts (escalation_level, opened_at);
    CREATE INDEX case_facts_satisfaction ON case_facts (satisfaction, opened_at)
        WHERE satisfaction IS NOT NULL;
    CREATE INDEX case_facts_root ON case_facts (fishbone, nature, root_why, opened_at)
        WHERE fishbone IS NOT NULL;
    CREATE INDEX case_facts_reopened ON case_facts (opened_at) WHERE reopened > 0;
    CREATE TABLE case_sla (
        case_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        met INTEGER NOT NULL,
        breached INTEGER NOT NULL,
        PRIMARY KEY (case_id, metric)
    ) WITHOUT ROWID;
    CREATE INDEX case_sla_outcome ON case_sla (metric, met, breached);
    CREATE TABLE case_remedies (
        case_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        remedy TEXT NOT NULL,
        currency TEXT,
        amount TEXT,
        status TEXT,
        PRIMARY KEY (case_id, seq)
    ) WITHOUT ROWID;
    CREATE TRIGGER cases_facts_insert AFTER INSERT ON cases BEGIN {_TRIGGER_BODY} END;
    CREATE TRIGGER cases_facts_update AFTER UPDATE ON cases BEGIN {_TRIGGER_BODY} END;
    CREATE TRIGGER events_reopened AFTER INSERT ON events
        WHEN new.kind = 'transitioned' AND json_extract(new.body, '$.data.to') = 'reopened'
        BEGIN UPDATE case_facts SET reopened = reopened + 1 WHERE id = new.case_id; END;
    UPDATE cases SET version = version;
    UPDATE case_facts SET reopened = (
        SELECT count(*) FROM events e WHERE e.case_id = case_facts.id
        AND e.kind = 'transitioned' AND json_extract(e.body, '$.data.to') = 'reopened'
    );
"""  # noqa: S608 -- fixed SQL text; values are bound


#: Rebuilds the triggers after a change to what they extract, and refills every fact row.
REFRESH_TRIGGERS = f"""
    DROP TRIGGER cases_facts_insert;
    DROP TRIGGER cases_facts_update;
    CREATE TRIGGER cases_facts_insert AFTER INSERT ON cases BEGIN {_TRIGGER_BODY} END;
    CREATE TRIGGER cases_facts_update AFTER UPDATE ON cases BEGIN {_TRIGGER_BODY} END;
    UPDATE cases SET version = version;
"""  # noqa: S608 -- fixed SQL text; values are bound


# What the fact row reads from the body, compared before and after an update in one parse
# each: most updates (a tick's warnings, a response) leave the fact row as it was.
_FACT_PATHS = ", ".join(dict.fromkeys(re.findall(r"'\$[^']*'", " ".join(_FACT_VALUES.values()))))
_FACTS_CHANGED = (
    "old.id IS NOT new.id OR old.opened_at IS NOT new.opened_at OR old.status IS NOT new.status "
    "OR old.category IS NOT new.category "
    f"OR json_extract(old.body, {_FACT_PATHS}) IS NOT json_extract(new.body, {_FACT_PATHS})"
)

#: An update rewrites only the report rows it changes; the insert trigger is unchanged. A
#: refill can no longer be ``UPDATE cases SET version = version``: it must drop these first.
#: Idempotent, so a store rewound to an earlier version migrates again cleanly.
GUARDED_UPDATES = f"""
    DROP TRIGGER IF EXISTS cases_facts_update;
    DROP TRIGGER IF EXISTS cases_sla_update;
    DROP TRIGGER IF EXISTS cases_remedies_update;
    CREATE TRIGGER cases_facts_update AFTER UPDATE ON cases WHEN {_FACTS_CHANGED}
        BEGIN {_UPSERT_FACTS}; END;
    CREATE TRIGGER cases_sla_update AFTER UPDATE ON cases BEGIN {_SLA_ROWS} END;
    CREATE TRIGGER cases_remedies_update AFTER UPDATE ON cases
        WHEN json_extract(old.body, '$.compensation') IS NOT json_extract(new.body, '$.compensation')
        BEGIN {_REMEDY_ROWS} END;
"""


# --- what a fact row holds ------------------------------------------------------------------


def _seconds(start: datetime, end: datetime | None) -> float | None:
    """``seconds_between``, which ``_seconds_sql`` computes the same way in SQL."""
    return None if end is None else seconds_between(start, end)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _scalar(value: Any) -> Any:
    """A JSON value as ``json_extract`` gives it: a scalar as is (``true`` as 1), an object
    or a list as its JSON text. Compensation entries are the compensation engine's JSON."""
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, str | int | float):
        return value
    return _ENCODER.encode(value)


def _text(value: Any) -> str | None:
    """``CAST(value AS TEXT)`` of ``_scalar(value)``: amounts are strings (``Money``)."""
    value = _scalar(value)
    return value if value is None or isinstance(value, str) else str(value)


def _remedy_rows(case: Case) -> list[tuple[Any, ...]]:
    """One row per remedy of each compensation decision, numbered by their places in the
    lists (entry * 1000 + remedy), with the entry's status; anything unexpected is skipped."""
    rows: list[tuple[Any, ...]] = []
    entries: list[Any] = case.compensation  # JSON as stored: the SQL skips non-objects too
    for entry_no, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        decision = entry.get("decision")
        listed = decision.get("remedies") if isinstance(decision, dict) else None
        for remedy_no, remedy in enumerate(listed if isinstance(listed, list) else ()):
            if isinstance(remedy, dict):
                kind = _scalar(remedy.get("kind"))
                amount = remedy.get("amount")
                money = amount if isinstance(amount, dict) else {}
                rows.append(
                    (
                        case.id,
                        entry_no * 1000 + remedy_no,
                        "unknown" if kind is None else kind,
                        _scalar(money.get("currency")),
                        _text(money.get("amount")),
                        _scalar(entry.get("status")),
                    )
                )
    return rows


class FactRows(NamedTuple):
    """A case's rows in ``case_facts`` (``reopened`` aside: events count it), ``case_sla``
    and ``case_remedies``."""

    facts: tuple[Any, ...]
    sla: list[tuple[Any, ...]]
    remedies: list[tuple[Any, ...]]


def fact_rows(case: Case) -> FactRows:
    """What the report tables hold for ``case``: the one definition, read from the ``Case``
    (``NEW_CASE_FACTS`` derives the same rows from a stored body)."""
    complaint, cause, satisfaction = case.complaint, case.root_cause, case.satisfaction
    received = complaint.received_at
    facts = (
        case.id,
        case.opened_at.timestamp(),
        case.status.value,
        case.category,
        complaint.channel,
        case.severity,
        complaint.product,
        _seconds(received, case.first_response_at),
        _seconds(received, case.resolved_at),
        None if satisfaction is None else satisfaction.score,
        case.escalation_level,
        None if cause is None else cause.fishbone,
        None if cause is None else cause.nature,
        cause.whys[-1] if cause is not None and cause.whys else None,
        received.timestamp(),
    )
    sla = [  # ('_' keys: the engine's bookkeeping)
        (
            case.id,
            metric,
            int(state.met_at is not None),
            int(state.ever_breached),
            None if state.due_at is None else state.due_at.timestamp(),
            int(state.outcome == "cancelled"),
        )
        for metric, state in case.clocks.metrics.items()
        if not metric.startswith("_")
    ]
    return FactRows(facts, sla, _remedy_rows(case))


# --- the same rows derived from stored bodies ---------------------------------------------

# An instant's exact microseconds from its ISO text as ``datetime.isoformat`` writes it
# (``…THH:MM:SS[.ffffff]±HH:MM``): julianday keeps only milliseconds.
_MICROS = (
    "(CAST(strftime('%s', substr({at}, 1, 19) || substr({at}, -6)) AS INTEGER) * 1000000"
    " + CASE WHEN substr({at}, 20, 1) = '.' THEN CAST(substr({at}, 21, 6) AS INTEGER) ELSE 0 END)"
)


def _micros_sql(path: str) -> str:
    """The exact microseconds of the instant at JSON ``path`` of the body of case row ``new``."""
    return _MICROS.format(at=f"json_extract(new.body, '$.{path}')")


def _seconds_sql(field: str, start: str = "opened_at") -> str:
    """``_seconds`` in SQL, from the body of case row ``new``."""
    return f"round(({_micros_sql(field)} - {_micros_sql(start)}) / 1000.0) / 1000.0"


#: Where a case's durations start: its complaint's receipt, as its SLA clocks do.
_RECEIVED = "complaints[0].received_at"

_BODY_FACTS = {
    **_FACT_VALUES,
    "first_response_secs": _seconds_sql("first_response_at", _RECEIVED),
    "resolution_secs": _seconds_sql("resolved_at", _RECEIVED),
    "received_at": f"{_micros_sql(_RECEIVED)} / 1000000.0",
}
_INTO_CASE_FACTS = f"INSERT INTO case_facts ({', '.join(_BODY_FACTS)}) "
_ON_CASE_CONFLICT = " ON CONFLICT (id) DO UPDATE SET " + ", ".join(
    f"{name} = excluded.{name}" for name in _BODY_FACTS if name != "id"
)

#: A clock's due instant (``value`` of ``json_each`` over the clocks) in seconds, as
#: ``fact_rows`` has it: what a report compares with its own instant.
_CLOCK_DUE = _MICROS.format(at="json_extract(value, '$.due_at')") + " / 1000000.0"

#: Whether a clock (``value`` of ``json_each`` over the clocks) was cancelled, as
#: ``fact_rows`` has it.
_CLOCK_CANCELLED = "json_extract(value, '$.outcome') IS 'cancelled'"

#: Whether clock ``{k}`` (a ``json_each`` row over the clocks) breached in this cycle or an
#: earlier one of its reopened case, as ``ClockState.ever_breached`` (``SLA_CYCLES``).
_CLOCK_BREACHED = (
    "(json_extract({k}.value, '$.breached_at') IS NOT NULL OR EXISTS (SELECT 1 FROM "
    "json_each({k}.value, '$.cycles') AS cy WHERE json_extract(cy.value, '$.breached_at') "
    "IS NOT NULL))"
)

#: ``_SLA_INSERT`` with each clock's due instant (``SLA_DUE``), cancellation
#: (``SLA_CANCELLED``) and earlier cycles' breaches (``SLA_CYCLES``).
_SLA_DUE_INSERT = f"""
    INSERT INTO case_sla (case_id, metric, met, breached, due_at, cancelled)
        SELECT new.id, key,
               json_extract(value, '$.met_at') IS NOT NULL,
               {_CLOCK_BREACHED.format(k="k")},
               {_CLOCK_DUE}, {_CLOCK_CANCELLED}
        FROM {{cases}}json_each(new.body, '$.clocks') AS k
        WHERE {{only}}type = 'object' AND substr(key, 1, 1) != '_'"""  # noqa: S608 -- fixed SQL text

#: The report rows of every case after rowid ``?1`` derived from its stored body, one
#: statement per table: for programs that write ``cases`` directly (bulk copies, tests).
NEW_CASE_FACTS: tuple[str, ...] = (
    f"{_INTO_CASE_FACTS}SELECT {', '.join(_BODY_FACTS.values())} "  # noqa: S608 -- fixed SQL text
    f"FROM cases AS new WHERE new.rowid > ?1{_ON_CASE_CONFLICT}",
    "DELETE FROM case_sla WHERE case_id IN (SELECT id FROM cases WHERE rowid > ?1)",
    _SLA_DUE_INSERT.format(cases="cases AS new, ", only="new.rowid > ?1 AND "),
    "DELETE FROM case_remedies WHERE case_id IN (SELECT id FROM cases WHERE rowid > ?1)",
    _REMEDY_INSERT.format(cases="cases AS new, ", only="new.rowid > ?1 AND "),
)

#: Storage writes the report rows itself, from the ``Case`` it saves: the update triggers
#: go, and the durations, now exact to the microsecond before rounding (julianday read
#: milliseconds), are derived again. Idempotent, like the migrations before it.
DROP_UPDATE_TRIGGERS = f"""
    DROP TRIGGER IF EXISTS cases_facts_update;
    DROP TRIGGER IF EXISTS cases_sla_update;
    DROP TRIGGER IF EXISTS cases_remedies_update;
    UPDATE case_facts SET (first_response_secs, resolution_secs) = (
        SELECT {_seconds_sql("first_response_at")}, {_seconds_sql("resolved_at")}
        FROM cases AS new WHERE new.id = case_facts.id
    ) WHERE first_response_secs IS NOT NULL OR resolution_secs IS NOT NULL;
"""  # noqa: S608 -- fixed SQL text

#: The groupings and durations reports select by time, indexed by received time now.
_BY_RECEIVED = {
    "category": "(category, received_at)",
    "channel": "(channel, received_at)",
    "severity": "(severity, received_at)",
    "product": "(product, received_at)",
    "first_response": "(first_response_secs, received_at) WHERE first_response_secs IS NOT NULL",
    "resolution": "(resolution_secs, received_at) WHERE resolution_secs IS NOT NULL",
    "escalation": "(escalation_level, received_at)",
    "satisfaction": "(satisfaction, received_at) WHERE satisfaction IS NOT NULL",
    "root": "(fishbone, nature, root_why, received_at) WHERE fishbone IS NOT NULL",
    "reopened": "(received_at) WHERE reopened > 0",
}

#: Each opening-time index but incidents' ``(product, opened_at)`` goes for its received one.
_REINDEXED = "".join(
    ("" if name == "product" else f"DROP INDEX IF EXISTS case_facts_{name};")
    + f"CREATE INDEX IF NOT EXISTS case_facts_received_{name} ON case_facts {columns};"
    for name, columns in _BY_RECEIVED.items()
)

#: Reports count a case on the day its complaint was received and time it from then, as
#: its SLA clocks do (a complaint taken in late is opened at intake): the receipt is added,
#: the durations are derived again from it, and the indexes follow. ``(product, opened_at)``
#: stays for incident detection, which counts cases when they are opened. The column is
#: added once (``SQLiteStorage`` skips adding a column a store has); the rest is idempotent.
RECEIVED_AT = f"""
    ALTER TABLE case_facts ADD COLUMN received_at REAL;
    UPDATE case_facts SET (received_at, first_response_secs, resolution_secs) = (
        SELECT {_BODY_FACTS["received_at"]}, {_BODY_FACTS["first_response_secs"]},
               {_BODY_FACTS["resolution_secs"]}
        FROM cases AS new WHERE new.id = case_facts.id
    );
    DROP INDEX IF EXISTS case_facts_opened;
    CREATE INDEX IF NOT EXISTS case_facts_received ON case_facts (received_at);
    {_REINDEXED}
"""  # noqa: S608 -- fixed SQL text


#: A report is as of an instant: a clock due before it and unmet has breached then,
#: whether or not a tick has recorded it, so each clock's row holds its due instant. The
#: column is added once; the rest is idempotent. ``(metric, met, breached, due_at)`` covers
#: the SLA table's one query.
SLA_DUE = f"""
    ALTER TABLE case_sla ADD COLUMN due_at REAL;
    UPDATE case_sla SET due_at = (
        SELECT {_CLOCK_DUE} FROM cases AS c, json_each(c.body, '$.clocks')
        WHERE c.id = case_sla.case_id AND key = case_sla.metric AND type = 'object'
    );
    DROP INDEX IF EXISTS case_sla_outcome;
    CREATE INDEX IF NOT EXISTS case_sla_due ON case_sla (metric, met, breached, due_at);
"""  # noqa: S608 -- fixed SQL text

#: A withdrawn or rejected case's clocks stop cancelled, neither met nor breached: reports
#: count them apart, not as running for ever. The column is added once; the rest is
#: idempotent, and the index covers the SLA table's one query again.
SLA_CANCELLED = f"""
    ALTER TABLE case_sla ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0;
    UPDATE case_sla SET cancelled = coalesce((
        SELECT {_CLOCK_CANCELLED} FROM cases AS c, json_each(c.body, '$.clocks')
        WHERE c.id = case_sla.case_id AND key = case_sla.metric AND type = 'object'
    ), 0);
    DROP INDEX IF EXISTS case_sla_due;
    CREATE INDEX IF NOT EXISTS case_sla_outcome_due
        ON case_sla (metric, met, breached, cancelled, due_at);
"""  # noqa: S608 -- fixed SQL text

#: A breach in an earlier cycle of a reopened case's clock stays a breach: the report
#: counted only the current cycle, so reopening a case answered late turned it met.
#: Idempotent: only rows not yet breached whose stored clock has a breached cycle change.
SLA_CYCLES = f"""
    UPDATE case_sla SET breached = 1 WHERE NOT breached AND EXISTS (
        SELECT 1 FROM cases AS c, json_each(c.body, '$.clocks') AS k
        WHERE c.id = case_sla.case_id AND k.key = case_sla.metric AND k.type = 'object'
          AND {_CLOCK_BREACHED.format(k="k")}
    );
"""  # noqa: S608 -- fixed SQL text


# --- writing them -----------------------------------------------------------------------


class FactTable(NamedTuple):
    """How storage reads and writes one report table: rows are keyed by their first ``key``
    columns, and ``select`` takes the JSON list of the cases' ids."""

    select: str
    upsert: str
    delete: str
    key: int
    #: the table and its columns in the order of ``select``'s rows, if a stored row is
    #: written by setting only the columns that differ (``case_facts``: an index is
    #: rewritten for every column a write sets, and it has a dozen)
    name: str = ""
    columns: tuple[str, ...] = ()


_IDS = "IN (SELECT value FROM json_each(?))"
_FACT_COLUMNS = ", ".join(_BODY_FACTS)

FACTS = FactTable(
    f"SELECT {_FACT_COLUMNS} FROM case_facts WHERE id {_IDS}",  # noqa: S608 -- fixed SQL text
    f"{_INTO_CASE_FACTS}VALUES ({', '.join('?' * len(_BODY_FACTS))}){_ON_CASE_CONFLICT}",
    "DELETE FROM case_facts WHERE id = ?",
    1,
    "case_facts",
    tuple(_BODY_FACTS),
)
SLA = FactTable(
    f"SELECT case_id, metric, met, breached, due_at, cancelled FROM case_sla WHERE case_id {_IDS}",  # noqa: S608 -- fixed SQL text
    "INSERT OR REPLACE INTO case_sla (case_id, metric, met, breached, due_at, cancelled) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "DELETE FROM case_sla WHERE case_id = ? AND metric = ?",
    2,
)
REMEDIES = FactTable(
    "SELECT case_id, seq, remedy, currency, amount, status FROM case_remedies "  # noqa: S608 -- fixed SQL text
    f"WHERE case_id {_IDS}",
    "INSERT OR REPLACE INTO case_remedies (case_id, seq, remedy, currency, amount, status) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "DELETE FROM case_remedies WHERE case_id = ? AND seq = ?",
    2,
)
