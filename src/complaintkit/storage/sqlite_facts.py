"""Report facts for SQLite: narrow tables that triggers keep in step with ``cases``.

Reports aggregate over a million cases in seconds only if they never parse case bodies
and never sort: each grouping and each duration has an index that yields it in order.
These tables hold the few fields reports group and measure by, one row per case (and one per
SLA clock and per remedy). Triggers on ``cases`` and ``events`` maintain them inside the
same transaction as the write, so storage code needs no change and a half-written change
never shows up in a report. The migration also fills them from cases already stored.
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

_UPSERT_FACTS = (
    f"INSERT INTO case_facts ({', '.join(_FACT_VALUES)}) "  # noqa: S608 -- fixed SQL text; values are bound
    f"VALUES ({', '.join(_FACT_VALUES.values())}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _FACT_VALUES if name != "id")
)

# Clocks and remedies are read defensively: their owners (SLA, compensation) define the shape.
_SLA_ROWS = """
    DELETE FROM case_sla WHERE case_id = new.id;
    INSERT INTO case_sla (case_id, metric, met, breached)
        SELECT new.id, key,
               json_extract(value, '$.met_at') IS NOT NULL,
               json_extract(value, '$.breached_at') IS NOT NULL
        FROM json_each(new.body, '$.clocks')
        WHERE type = 'object' AND substr(key, 1, 1) != '_';  -- '_' keys: the engine's bookkeeping
"""

# One row per remedy of each compensation decision, with the status of its entry.
_REMEDY_ROWS = """
    DELETE FROM case_remedies WHERE case_id = new.id;
    INSERT INTO case_remedies (case_id, seq, remedy, currency, amount, status)
        SELECT new.id, c.key * 1000 + r.key,
               coalesce(json_extract(r.value, '$.kind'), 'unknown'),
               json_extract(r.value, '$.amount.currency'),
               CAST(json_extract(r.value, '$.amount.amount') AS TEXT),
               json_extract(c.value, '$.status')
        FROM json_each(new.body, '$.compensation') c,
             json_each(c.value, '$.decision.remedies') r
        WHERE c.type = 'object' AND r.type = 'object';
"""
_TRIGGER_BODY = f"{_UPSERT_FACTS};{_SLA_ROWS}{_REMEDY_ROWS}"

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
