"""Report facts for SQLite: narrow tables that triggers keep in step with ``cases``.

Reports aggregate over a million cases in seconds only if they never parse case bodies
and never sort: each grouping and each duration has an index that yields it in order.
These tables hold the few fields reports group and measure by, one row per case (and one per
SLA clock and per remedy). They are written inside the same transaction as the case, so a
half-written change never shows up in a report: a trigger on ``UPDATE cases`` derives them
from the case body, and intake runs the same SQL once per batch over the new rows
(``NEW_CASE_FACTS``) — a trigger program per inserted row cost more than the rows. The
migration also fills them from cases already stored.
"""

from __future__ import annotations

import re

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

#: The same facts for every case inserted after rowid ``?1``, one statement per table: intake
#: runs these once per batch, which costs half what the per-row insert trigger did.
NEW_CASE_FACTS: tuple[str, ...] = (
    f"{_INTO_FACTS}SELECT {', '.join(_FACT_VALUES.values())} "  # noqa: S608 -- fixed SQL text
    f"FROM cases AS new WHERE new.rowid > ?1{_ON_CONFLICT}",
    "DELETE FROM case_sla WHERE case_id IN (SELECT id FROM cases WHERE rowid > ?1)",
    _SLA_INSERT.format(cases="cases AS new, ", only="new.rowid > ?1 AND "),
    "DELETE FROM case_remedies WHERE case_id IN (SELECT id FROM cases WHERE rowid > ?1)",
    _REMEDY_INSERT.format(cases="cases AS new, ", only="new.rowid > ?1 AND "),
)

#: Case events counted in ``case_facts.reopened``.
REOPENED = "UPDATE case_facts SET reopened = reopened + 1 WHERE id = ?"

#: Intake derives the facts of new cases itself (``NEW_CASE_FACTS``) and storage writes the
#: event log and ``reopened`` counts with the events, so the insert triggers go: the update
#: trigger stays. A program writing the tables directly runs ``NEW_CASE_FACTS`` after.
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
