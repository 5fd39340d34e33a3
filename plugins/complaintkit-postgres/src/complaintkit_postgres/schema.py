"""The database schema and its versioned migrations.

``schema_version`` holds one row: how many entries of ``MIGRATIONS`` a schema has had. Every
process that opens the storage calls ``migrate``; an advisory lock makes concurrent starters
(four workers launched at once) take turns, so each migration runs exactly once.
"""

from __future__ import annotations

from typing import LiteralString

from psycopg import Connection, sql
from psycopg.rows import TupleRow

from complaintkit.errors import StorageError
from complaintkit_postgres import ledger
from complaintkit_postgres.dead_letters import SOURCE_INDEX
from complaintkit_postgres.due_order import DUE_BY_CODE_POINT
from complaintkit_postgres.migration_lock import take_migration_lock
from complaintkit_postgres.ownership import refuse_another_applications
from complaintkit_postgres.plan_mark import PLAN_MARK, PLANNED_BY
from complaintkit_postgres.step_answers import STEP_ANSWERS
from complaintkit_postgres.version_altered import upgrading

#: Each entry upgrades the schema by one version. Never edit a released entry; append one.
#: Each prefix is the schema an older release wrote into, so a migration that changes the
#: report-facts function restates it whole, never trimming an earlier one; an upgrade from
#: any version ends as a fresh install (tests/test_pg_migrated_alike.py).
MIGRATIONS: tuple[LiteralString, ...] = (
    """
    CREATE TABLE cases (
        id text PRIMARY KEY,
        version integer NOT NULL,
        status text NOT NULL,
        is_open boolean NOT NULL,
        customer_id text NOT NULL,
        owner text,
        category text,
        opened_at timestamptz NOT NULL,
        next_deadline timestamptz,
        body jsonb NOT NULL
    );
    -- the sweep reads only due cases: O(due), not O(open)
    CREATE INDEX cases_due ON cases (next_deadline, id) WHERE next_deadline IS NOT NULL;
    CREATE INDEX cases_customer ON cases (customer_id, opened_at);
    CREATE INDEX cases_status ON cases (status, opened_at);
    CREATE INDEX cases_owner ON cases (owner, opened_at);
    CREATE INDEX cases_category ON cases (category, opened_at);
    -- deferred: intake claims the key first, then inserts the case it points to
    CREATE TABLE intake_keys (
        channel text NOT NULL,
        external_id text NOT NULL,
        case_id text NOT NULL REFERENCES cases (id) DEFERRABLE INITIALLY DEFERRED,
        PRIMARY KEY (channel, external_id)
    );
    CREATE INDEX intake_keys_case ON intake_keys (case_id);
    CREATE TABLE events (
        case_id text NOT NULL REFERENCES cases (id),
        seq integer NOT NULL,
        kind text NOT NULL,
        at timestamptz NOT NULL,
        body jsonb NOT NULL,
        PRIMARY KEY (case_id, seq)
    );
    CREATE INDEX events_kind ON events (kind, at);
    """,
    """
    CREATE TABLE dead_letters (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        raw bytea NOT NULL,
        reason text NOT NULL,
        at timestamptz NOT NULL
    );
    -- the customer's status page looks a case up by its token
    CREATE INDEX cases_status_token ON cases ((body ->> 'status_token'));
    """,
    # Report facts: the few fields reports group and measure by, kept by a trigger in the
    # same transaction as the case, so reports aggregate narrow rows, never case bodies.
    """
    CREATE TABLE case_facts (
        id text PRIMARY KEY,
        opened_at timestamptz NOT NULL,
        status text NOT NULL,
        category text,
        channel text,
        severity text,
        product text,
        first_response_secs double precision,
        resolution_secs double precision,
        satisfaction integer,
        escalation_level integer NOT NULL DEFAULT 0,
        fishbone text,
        nature text,
        root_why text,
        imported boolean NOT NULL,
        -- the open-and-late section: who holds an open case and its soonest running clock
        is_open boolean NOT NULL,
        owner text,
        team text,
        subject text,
        due_metric text,
        due_raw text,
        due_at timestamptz
    );
    CREATE INDEX case_facts_opened ON case_facts (opened_at);
    CREATE INDEX case_facts_open_due ON case_facts (due_at, id) WHERE is_open;
    CREATE INDEX case_facts_product ON case_facts (product, opened_at);
    CREATE TABLE case_sla (
        case_id text NOT NULL,
        metric text NOT NULL,
        met boolean NOT NULL,
        breached boolean NOT NULL,
        PRIMARY KEY (case_id, metric)
    );
    CREATE TABLE case_remedies (
        case_id text NOT NULL,
        seq integer NOT NULL,
        remedy text NOT NULL,
        currency text,
        amount text,
        status text,
        PRIMARY KEY (case_id, seq)
    );
    CREATE FUNCTION case_facts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        clocks jsonb := CASE jsonb_typeof(NEW.body -> 'clocks')
            WHEN 'object' THEN NEW.body -> 'clocks' ELSE '{}'::jsonb END;
        remedies jsonb := CASE jsonb_typeof(NEW.body -> 'compensation')
            WHEN 'array' THEN NEW.body -> 'compensation' ELSE '[]'::jsonb END;
        soonest record;
    BEGIN
        SELECT k.key AS metric, k.value ->> 'due_at' AS raw,
               (k.value ->> 'due_at')::timestamptz AS due
        INTO soonest
        FROM jsonb_each(clocks) AS k
        WHERE left(k.key, 1) <> '_' AND jsonb_typeof(k.value) = 'object'
          AND k.value ->> 'state' = 'running' AND jsonb_typeof(k.value -> 'due_at') = 'string'
        ORDER BY (k.value ->> 'due_at')::timestamptz, k.key COLLATE "C" LIMIT 1;
        INSERT INTO case_facts VALUES (
            NEW.id, NEW.opened_at, NEW.status, NEW.category,
            NEW.body #>> '{complaints,0,channel}', NEW.body ->> 'severity',
            NEW.body #>> '{complaints,0,product}',
            round(extract(epoch FROM (NEW.body ->> 'first_response_at')::timestamptz
                                     - NEW.opened_at)::numeric, 3),
            round(extract(epoch FROM (NEW.body ->> 'resolved_at')::timestamptz
                                     - NEW.opened_at)::numeric, 3),
            (NEW.body #>> '{satisfaction,score}')::integer,
            coalesce((NEW.body ->> 'escalation_level')::integer, 0),
            NEW.body #>> '{root_cause,fishbone}', NEW.body #>> '{root_cause,nature}',
            NEW.body #> '{root_cause,whys}' ->> -1,
            NEW.body #> '{complaints,0,history}' IS NOT NULL,
            NEW.is_open, NEW.owner, NEW.body ->> 'team',
            coalesce(nullif(NEW.body #>> '{complaints,0,subject}', ''),
                     left(NEW.body #>> '{complaints,0,text}', 40)),
            soonest.metric, soonest.raw, soonest.due)
        ON CONFLICT (id) DO UPDATE SET opened_at = EXCLUDED.opened_at,
            status = EXCLUDED.status, category = EXCLUDED.category,
            channel = EXCLUDED.channel, severity = EXCLUDED.severity,
            product = EXCLUDED.product, first_response_secs = EXCLUDED.first_response_secs,
            resolution_secs = EXCLUDED.resolution_secs, satisfaction = EXCLUDED.satisfaction,
            escalation_level = EXCLUDED.escalation_level, fishbone = EXCLUDED.fishbone,
            nature = EXCLUDED.nature, root_why = EXCLUDED.root_why,
            imported = EXCLUDED.imported, is_open = EXCLUDED.is_open, owner = EXCLUDED.owner,
            team = EXCLUDED.team, subject = EXCLUDED.subject,
            due_metric = EXCLUDED.due_metric, due_raw = EXCLUDED.due_raw,
            due_at = EXCLUDED.due_at;
        DELETE FROM case_sla WHERE case_id = NEW.id;
        INSERT INTO case_sla
            SELECT NEW.id, c.key, coalesce(c.value ->> 'met_at', '') <> '',
                   coalesce(c.value ->> 'breached_at', '') <> ''
            FROM jsonb_each(clocks) AS c
            WHERE jsonb_typeof(c.value) = 'object' AND left(c.key, 1) <> '_';
        DELETE FROM case_remedies WHERE case_id = NEW.id;
        INSERT INTO case_remedies  -- one row per remedy of each decision, as in SQLite
            SELECT NEW.id, (c.seq - 1) * 1000 + (r.seq - 1), coalesce(r.value ->> 'kind', 'unknown'),
                   r.value #>> '{amount,currency}', r.value #>> '{amount,amount}',
                   c.value ->> 'status'
            FROM jsonb_array_elements(remedies) WITH ORDINALITY AS c (value, seq),
                 jsonb_array_elements(CASE jsonb_typeof(c.value #> '{decision,remedies}')
                     WHEN 'array' THEN c.value #> '{decision,remedies}' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS r (value, seq)
            WHERE jsonb_typeof(c.value) = 'object' AND jsonb_typeof(r.value) = 'object';
        RETURN NULL;
    END $$;
    CREATE TRIGGER cases_facts AFTER INSERT OR UPDATE ON cases
        FOR EACH ROW EXECUTE FUNCTION case_facts_sync();
    UPDATE cases SET version = version;
    """,
    ledger.LEDGER,
    # the outbox; and each event's position and writing transaction, for ``events_since``
    """
    CREATE TABLE IF NOT EXISTS outbox (
        position bigserial PRIMARY KEY,
        delivery_id text NOT NULL UNIQUE,
        via text NOT NULL,
        kind text NOT NULL,
        case_id text NOT NULL,
        payload text NOT NULL,
        created_at timestamptz NOT NULL,
        state text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_error text NOT NULL DEFAULT ''
    );
    CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at, position) WHERE state = 'pending';
    ALTER TABLE events ADD COLUMN IF NOT EXISTS position bigserial,
        ADD COLUMN IF NOT EXISTS tx xid8 NOT NULL DEFAULT pg_current_xact_id();
    CREATE INDEX IF NOT EXISTS events_feed ON events (tx, position);
    """,
    # a dead letter is kept once: finding the same one already kept is an index look-up
    "CREATE INDEX IF NOT EXISTS dead_letters_found ON dead_letters (source, reason)",
    # Reports count a case on the day its complaint was received and time it from then, as
    # its SLA clocks do (a complaint taken in late is opened at intake): the receipt joins the
    # facts, the durations are derived again from it, and the time index follows it. The
    # (product, opened_at) index stays for incident detection, which counts cases when they
    # are opened. Idempotent, like the migrations before it.
    """
    ALTER TABLE case_facts ADD COLUMN IF NOT EXISTS received_at timestamptz;
    CREATE OR REPLACE FUNCTION case_facts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        clocks jsonb := CASE jsonb_typeof(NEW.body -> 'clocks')
            WHEN 'object' THEN NEW.body -> 'clocks' ELSE '{}'::jsonb END;
        remedies jsonb := CASE jsonb_typeof(NEW.body -> 'compensation')
            WHEN 'array' THEN NEW.body -> 'compensation' ELSE '[]'::jsonb END;
        received timestamptz := (NEW.body #>> '{complaints,0,received_at}')::timestamptz;
        soonest record;
    BEGIN
        SELECT k.key AS metric, k.value ->> 'due_at' AS raw,
               (k.value ->> 'due_at')::timestamptz AS due
        INTO soonest
        FROM jsonb_each(clocks) AS k
        WHERE left(k.key, 1) <> '_' AND jsonb_typeof(k.value) = 'object'
          AND k.value ->> 'state' = 'running' AND jsonb_typeof(k.value -> 'due_at') = 'string'
        ORDER BY (k.value ->> 'due_at')::timestamptz, k.key COLLATE "C" LIMIT 1;
        INSERT INTO case_facts VALUES (
            NEW.id, NEW.opened_at, NEW.status, NEW.category,
            NEW.body #>> '{complaints,0,channel}', NEW.body ->> 'severity',
            NEW.body #>> '{complaints,0,product}',
            round(extract(epoch FROM (NEW.body ->> 'first_response_at')::timestamptz
                                     - received)::numeric, 3),
            round(extract(epoch FROM (NEW.body ->> 'resolved_at')::timestamptz
                                     - received)::numeric, 3),
            (NEW.body #>> '{satisfaction,score}')::integer,
            coalesce((NEW.body ->> 'escalation_level')::integer, 0),
            NEW.body #>> '{root_cause,fishbone}', NEW.body #>> '{root_cause,nature}',
            NEW.body #> '{root_cause,whys}' ->> -1,
            NEW.body #> '{complaints,0,history}' IS NOT NULL,
            NEW.is_open, NEW.owner, NEW.body ->> 'team',
            coalesce(nullif(NEW.body #>> '{complaints,0,subject}', ''),
                     left(NEW.body #>> '{complaints,0,text}', 40)),
            soonest.metric, soonest.raw, soonest.due, received)
        ON CONFLICT (id) DO UPDATE SET opened_at = EXCLUDED.opened_at,
            status = EXCLUDED.status, category = EXCLUDED.category,
            channel = EXCLUDED.channel, severity = EXCLUDED.severity,
            product = EXCLUDED.product, first_response_secs = EXCLUDED.first_response_secs,
            resolution_secs = EXCLUDED.resolution_secs, satisfaction = EXCLUDED.satisfaction,
            escalation_level = EXCLUDED.escalation_level, fishbone = EXCLUDED.fishbone,
            nature = EXCLUDED.nature, root_why = EXCLUDED.root_why,
            imported = EXCLUDED.imported, is_open = EXCLUDED.is_open, owner = EXCLUDED.owner,
            team = EXCLUDED.team, subject = EXCLUDED.subject,
            due_metric = EXCLUDED.due_metric, due_raw = EXCLUDED.due_raw,
            due_at = EXCLUDED.due_at, received_at = EXCLUDED.received_at;
        DELETE FROM case_sla WHERE case_id = NEW.id;
        INSERT INTO case_sla
            SELECT NEW.id, c.key, coalesce(c.value ->> 'met_at', '') <> '',
                   coalesce(c.value ->> 'breached_at', '') <> ''
            FROM jsonb_each(clocks) AS c
            WHERE jsonb_typeof(c.value) = 'object' AND left(c.key, 1) <> '_';
        DELETE FROM case_remedies WHERE case_id = NEW.id;
        INSERT INTO case_remedies  -- one row per remedy of each decision, as in SQLite
            SELECT NEW.id, (c.seq - 1) * 1000 + (r.seq - 1), coalesce(r.value ->> 'kind', 'unknown'),
                   r.value #>> '{amount,currency}', r.value #>> '{amount,amount}',
                   c.value ->> 'status'
            FROM jsonb_array_elements(remedies) WITH ORDINALITY AS c (value, seq),
                 jsonb_array_elements(CASE jsonb_typeof(c.value #> '{decision,remedies}')
                     WHEN 'array' THEN c.value #> '{decision,remedies}' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS r (value, seq)
            WHERE jsonb_typeof(c.value) = 'object' AND jsonb_typeof(r.value) = 'object';
        RETURN NULL;
    END $$;
    UPDATE case_facts f SET
        received_at = r.at,
        first_response_secs = round(extract(epoch FROM
            (c.body ->> 'first_response_at')::timestamptz - r.at)::numeric, 3),
        resolution_secs = round(extract(epoch FROM
            (c.body ->> 'resolved_at')::timestamptz - r.at)::numeric, 3)
    FROM cases c, LATERAL (SELECT (c.body #>> '{complaints,0,received_at}')::timestamptz) r (at)
    WHERE c.id = f.id;
    DROP INDEX IF EXISTS case_facts_opened;
    CREATE INDEX IF NOT EXISTS case_facts_received ON case_facts (received_at);
    """,
    # A btree entry holds at most about 2.7 KB: a letter whose reason quotes a long cell or
    # a server's long answer could not be kept at all. Its look-up goes by the hashes of
    # source and reason instead (``dead_letters.KEEP_DEAD_LETTER``), which take any length.
    """
    DROP INDEX IF EXISTS dead_letters_found;
    CREATE INDEX IF NOT EXISTS dead_letters_kept ON dead_letters
        (hashtextextended(source, 0), hashtextextended(reason, 0));
    """,
    # A report is as of an instant: a clock due before it and unmet has breached then,
    # whether or not a tick has recorded it, so each clock's row holds its due instant.
    # Idempotent, like the migrations before it.
    """
    ALTER TABLE case_sla ADD COLUMN IF NOT EXISTS due_at timestamptz;
    CREATE OR REPLACE FUNCTION case_facts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        clocks jsonb := CASE jsonb_typeof(NEW.body -> 'clocks')
            WHEN 'object' THEN NEW.body -> 'clocks' ELSE '{}'::jsonb END;
        remedies jsonb := CASE jsonb_typeof(NEW.body -> 'compensation')
            WHEN 'array' THEN NEW.body -> 'compensation' ELSE '[]'::jsonb END;
        received timestamptz := (NEW.body #>> '{complaints,0,received_at}')::timestamptz;
        soonest record;
    BEGIN
        SELECT k.key AS metric, k.value ->> 'due_at' AS raw,
               (k.value ->> 'due_at')::timestamptz AS due
        INTO soonest
        FROM jsonb_each(clocks) AS k
        WHERE left(k.key, 1) <> '_' AND jsonb_typeof(k.value) = 'object'
          AND k.value ->> 'state' = 'running' AND jsonb_typeof(k.value -> 'due_at') = 'string'
        ORDER BY (k.value ->> 'due_at')::timestamptz, k.key COLLATE "C" LIMIT 1;
        INSERT INTO case_facts VALUES (
            NEW.id, NEW.opened_at, NEW.status, NEW.category,
            NEW.body #>> '{complaints,0,channel}', NEW.body ->> 'severity',
            NEW.body #>> '{complaints,0,product}',
            round(extract(epoch FROM (NEW.body ->> 'first_response_at')::timestamptz
                                     - received)::numeric, 3),
            round(extract(epoch FROM (NEW.body ->> 'resolved_at')::timestamptz
                                     - received)::numeric, 3),
            (NEW.body #>> '{satisfaction,score}')::integer,
            coalesce((NEW.body ->> 'escalation_level')::integer, 0),
            NEW.body #>> '{root_cause,fishbone}', NEW.body #>> '{root_cause,nature}',
            NEW.body #> '{root_cause,whys}' ->> -1,
            NEW.body #> '{complaints,0,history}' IS NOT NULL,
            NEW.is_open, NEW.owner, NEW.body ->> 'team',
            coalesce(nullif(NEW.body #>> '{complaints,0,subject}', ''),
                     left(NEW.body #>> '{complaints,0,text}', 40)),
            soonest.metric, soonest.raw, soonest.due, received)
        ON CONFLICT (id) DO UPDATE SET opened_at = EXCLUDED.opened_at,
            status = EXCLUDED.status, category = EXCLUDED.category,
            channel = EXCLUDED.channel, severity = EXCLUDED.severity,
            product = EXCLUDED.product, first_response_secs = EXCLUDED.first_response_secs,
            resolution_secs = EXCLUDED.resolution_secs, satisfaction = EXCLUDED.satisfaction,
            escalation_level = EXCLUDED.escalation_level, fishbone = EXCLUDED.fishbone,
            nature = EXCLUDED.nature, root_why = EXCLUDED.root_why,
            imported = EXCLUDED.imported, is_open = EXCLUDED.is_open, owner = EXCLUDED.owner,
            team = EXCLUDED.team, subject = EXCLUDED.subject,
            due_metric = EXCLUDED.due_metric, due_raw = EXCLUDED.due_raw,
            due_at = EXCLUDED.due_at, received_at = EXCLUDED.received_at;
        DELETE FROM case_sla WHERE case_id = NEW.id;
        INSERT INTO case_sla
            SELECT NEW.id, c.key, coalesce(c.value ->> 'met_at', '') <> '',
                   coalesce(c.value ->> 'breached_at', '') <> '',
                   (c.value ->> 'due_at')::timestamptz
            FROM jsonb_each(clocks) AS c
            WHERE jsonb_typeof(c.value) = 'object' AND left(c.key, 1) <> '_';
        DELETE FROM case_remedies WHERE case_id = NEW.id;
        INSERT INTO case_remedies  -- one row per remedy of each decision, as in SQLite
            SELECT NEW.id, (c.seq - 1) * 1000 + (r.seq - 1), coalesce(r.value ->> 'kind', 'unknown'),
                   r.value #>> '{amount,currency}', r.value #>> '{amount,amount}',
                   c.value ->> 'status'
            FROM jsonb_array_elements(remedies) WITH ORDINALITY AS c (value, seq),
                 jsonb_array_elements(CASE jsonb_typeof(c.value #> '{decision,remedies}')
                     WHEN 'array' THEN c.value #> '{decision,remedies}' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS r (value, seq)
            WHERE jsonb_typeof(c.value) = 'object' AND jsonb_typeof(r.value) = 'object';
        RETURN NULL;
    END $$;
    UPDATE case_sla s SET due_at = (c.body #>> ARRAY['clocks', s.metric, 'due_at'])::timestamptz
    FROM cases c WHERE c.id = s.case_id;
    """,
    # A withdrawn or rejected case's clocks stop cancelled, neither met nor breached:
    # reports count them apart, not as running for ever. Idempotent, like those before it.
    """
    ALTER TABLE case_sla ADD COLUMN IF NOT EXISTS cancelled boolean NOT NULL DEFAULT false;
    CREATE OR REPLACE FUNCTION case_facts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        clocks jsonb := CASE jsonb_typeof(NEW.body -> 'clocks')
            WHEN 'object' THEN NEW.body -> 'clocks' ELSE '{}'::jsonb END;
        remedies jsonb := CASE jsonb_typeof(NEW.body -> 'compensation')
            WHEN 'array' THEN NEW.body -> 'compensation' ELSE '[]'::jsonb END;
        received timestamptz := (NEW.body #>> '{complaints,0,received_at}')::timestamptz;
        soonest record;
    BEGIN
        SELECT k.key AS metric, k.value ->> 'due_at' AS raw,
               (k.value ->> 'due_at')::timestamptz AS due
        INTO soonest
        FROM jsonb_each(clocks) AS k
        WHERE left(k.key, 1) <> '_' AND jsonb_typeof(k.value) = 'object'
          AND k.value ->> 'state' = 'running' AND jsonb_typeof(k.value -> 'due_at') = 'string'
        ORDER BY (k.value ->> 'due_at')::timestamptz, k.key COLLATE "C" LIMIT 1;
        INSERT INTO case_facts VALUES (
            NEW.id, NEW.opened_at, NEW.status, NEW.category,
            NEW.body #>> '{complaints,0,channel}', NEW.body ->> 'severity',
            NEW.body #>> '{complaints,0,product}',
            round(extract(epoch FROM (NEW.body ->> 'first_response_at')::timestamptz
                                     - received)::numeric, 3),
            round(extract(epoch FROM (NEW.body ->> 'resolved_at')::timestamptz
                                     - received)::numeric, 3),
            (NEW.body #>> '{satisfaction,score}')::integer,
            coalesce((NEW.body ->> 'escalation_level')::integer, 0),
            NEW.body #>> '{root_cause,fishbone}', NEW.body #>> '{root_cause,nature}',
            NEW.body #> '{root_cause,whys}' ->> -1,
            NEW.body #> '{complaints,0,history}' IS NOT NULL,
            NEW.is_open, NEW.owner, NEW.body ->> 'team',
            coalesce(nullif(NEW.body #>> '{complaints,0,subject}', ''),
                     left(NEW.body #>> '{complaints,0,text}', 40)),
            soonest.metric, soonest.raw, soonest.due, received)
        ON CONFLICT (id) DO UPDATE SET opened_at = EXCLUDED.opened_at,
            status = EXCLUDED.status, category = EXCLUDED.category,
            channel = EXCLUDED.channel, severity = EXCLUDED.severity,
            product = EXCLUDED.product, first_response_secs = EXCLUDED.first_response_secs,
            resolution_secs = EXCLUDED.resolution_secs, satisfaction = EXCLUDED.satisfaction,
            escalation_level = EXCLUDED.escalation_level, fishbone = EXCLUDED.fishbone,
            nature = EXCLUDED.nature, root_why = EXCLUDED.root_why,
            imported = EXCLUDED.imported, is_open = EXCLUDED.is_open, owner = EXCLUDED.owner,
            team = EXCLUDED.team, subject = EXCLUDED.subject,
            due_metric = EXCLUDED.due_metric, due_raw = EXCLUDED.due_raw,
            due_at = EXCLUDED.due_at, received_at = EXCLUDED.received_at;
        DELETE FROM case_sla WHERE case_id = NEW.id;
        INSERT INTO case_sla
            SELECT NEW.id, c.key, coalesce(c.value ->> 'met_at', '') <> '',
                   coalesce(c.value ->> 'breached_at', '') <> '',
                   (c.value ->> 'due_at')::timestamptz,
                   coalesce(c.value ->> 'outcome' = 'cancelled', false)
            FROM jsonb_each(clocks) AS c
            WHERE jsonb_typeof(c.value) = 'object' AND left(c.key, 1) <> '_';
        DELETE FROM case_remedies WHERE case_id = NEW.id;
        INSERT INTO case_remedies  -- one row per remedy of each decision, as in SQLite
            SELECT NEW.id, (c.seq - 1) * 1000 + (r.seq - 1), coalesce(r.value ->> 'kind', 'unknown'),
                   r.value #>> '{amount,currency}', r.value #>> '{amount,amount}',
                   c.value ->> 'status'
            FROM jsonb_array_elements(remedies) WITH ORDINALITY AS c (value, seq),
                 jsonb_array_elements(CASE jsonb_typeof(c.value #> '{decision,remedies}')
                     WHEN 'array' THEN c.value #> '{decision,remedies}' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS r (value, seq)
            WHERE jsonb_typeof(c.value) = 'object' AND jsonb_typeof(r.value) = 'object';
        RETURN NULL;
    END $$;
    UPDATE case_sla s
    SET cancelled = coalesce(c.body #>> ARRAY['clocks', s.metric, 'outcome'] = 'cancelled', false)
    FROM cases c WHERE c.id = s.case_id;
    """,
    # A breach in an earlier cycle of a reopened case's clock stays a breach: reports
    # counted only the current cycle, so reopening a case answered late turned it met.
    """
    CREATE OR REPLACE FUNCTION case_facts_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        clocks jsonb := CASE jsonb_typeof(NEW.body -> 'clocks')
            WHEN 'object' THEN NEW.body -> 'clocks' ELSE '{}'::jsonb END;
        remedies jsonb := CASE jsonb_typeof(NEW.body -> 'compensation')
            WHEN 'array' THEN NEW.body -> 'compensation' ELSE '[]'::jsonb END;
        received timestamptz := (NEW.body #>> '{complaints,0,received_at}')::timestamptz;
        soonest record;
    BEGIN
        SELECT k.key AS metric, k.value ->> 'due_at' AS raw,
               (k.value ->> 'due_at')::timestamptz AS due
        INTO soonest
        FROM jsonb_each(clocks) AS k
        WHERE left(k.key, 1) <> '_' AND jsonb_typeof(k.value) = 'object'
          AND k.value ->> 'state' = 'running' AND jsonb_typeof(k.value -> 'due_at') = 'string'
        ORDER BY (k.value ->> 'due_at')::timestamptz, k.key COLLATE "C" LIMIT 1;
        INSERT INTO case_facts VALUES (
            NEW.id, NEW.opened_at, NEW.status, NEW.category,
            NEW.body #>> '{complaints,0,channel}', NEW.body ->> 'severity',
            NEW.body #>> '{complaints,0,product}',
            round(extract(epoch FROM (NEW.body ->> 'first_response_at')::timestamptz
                                     - received)::numeric, 3),
            round(extract(epoch FROM (NEW.body ->> 'resolved_at')::timestamptz
                                     - received)::numeric, 3),
            (NEW.body #>> '{satisfaction,score}')::integer,
            coalesce((NEW.body ->> 'escalation_level')::integer, 0),
            NEW.body #>> '{root_cause,fishbone}', NEW.body #>> '{root_cause,nature}',
            NEW.body #> '{root_cause,whys}' ->> -1,
            NEW.body #> '{complaints,0,history}' IS NOT NULL,
            NEW.is_open, NEW.owner, NEW.body ->> 'team',
            coalesce(nullif(NEW.body #>> '{complaints,0,subject}', ''),
                     left(NEW.body #>> '{complaints,0,text}', 40)),
            soonest.metric, soonest.raw, soonest.due, received)
        ON CONFLICT (id) DO UPDATE SET opened_at = EXCLUDED.opened_at,
            status = EXCLUDED.status, category = EXCLUDED.category,
            channel = EXCLUDED.channel, severity = EXCLUDED.severity,
            product = EXCLUDED.product, first_response_secs = EXCLUDED.first_response_secs,
            resolution_secs = EXCLUDED.resolution_secs, satisfaction = EXCLUDED.satisfaction,
            escalation_level = EXCLUDED.escalation_level, fishbone = EXCLUDED.fishbone,
            nature = EXCLUDED.nature, root_why = EXCLUDED.root_why,
            imported = EXCLUDED.imported, is_open = EXCLUDED.is_open, owner = EXCLUDED.owner,
            team = EXCLUDED.team, subject = EXCLUDED.subject,
            due_metric = EXCLUDED.due_metric, due_raw = EXCLUDED.due_raw,
            due_at = EXCLUDED.due_at, received_at = EXCLUDED.received_at;
        DELETE FROM case_sla WHERE case_id = NEW.id;
        INSERT INTO case_sla
            SELECT NEW.id, c.key, coalesce(c.value ->> 'met_at', '') <> '',
                   (coalesce(c.value ->> 'breached_at', '') <> '' OR EXISTS (
                       SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof(c.value -> 'cycles')
                           WHEN 'array' THEN c.value -> 'cycles' ELSE '[]'::jsonb END) AS y
                       WHERE coalesce(y ->> 'breached_at', '') <> '')),
                   (c.value ->> 'due_at')::timestamptz,
                   coalesce(c.value ->> 'outcome' = 'cancelled', false)
            FROM jsonb_each(clocks) AS c
            WHERE jsonb_typeof(c.value) = 'object' AND left(c.key, 1) <> '_';
        DELETE FROM case_remedies WHERE case_id = NEW.id;
        INSERT INTO case_remedies  -- one row per remedy of each decision, as in SQLite
            SELECT NEW.id, (c.seq - 1) * 1000 + (r.seq - 1), coalesce(r.value ->> 'kind', 'unknown'),
                   r.value #>> '{amount,currency}', r.value #>> '{amount,amount}',
                   c.value ->> 'status'
            FROM jsonb_array_elements(remedies) WITH ORDINALITY AS c (value, seq),
                 jsonb_array_elements(CASE jsonb_typeof(c.value #> '{decision,remedies}')
                     WHEN 'array' THEN c.value #> '{decision,remedies}' ELSE '[]'::jsonb END)
                     WITH ORDINALITY AS r (value, seq)
            WHERE jsonb_typeof(c.value) = 'object' AND jsonb_typeof(r.value) = 'object';
        RETURN NULL;
    END $$;
    UPDATE case_sla s SET breached = true
    FROM cases c WHERE c.id = s.case_id AND NOT s.breached AND EXISTS (
        SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof(c.body #> ARRAY['clocks', s.metric, 'cycles'])
            WHEN 'array' THEN c.body #> ARRAY['clocks', s.metric, 'cycles'] ELSE '[]'::jsonb END) AS y
        WHERE coalesce(y ->> 'breached_at', '') <> '');
    """,
    # a letter refused by retry after retry says how often, and when last
    """
    ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS retries integer NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS last_retry_at timestamptz;
    """,
    PLAN_MARK,  # which policy version planned the stored deadlines (``desk.replan``)
    DUE_BY_CODE_POINT,  # ties claimed by id as on SQLite, from the index
    SOURCE_INDEX,  # the letters of a source prefix, from an index
    # the e-mail acknowledgement limit reads the messages queued in its period only
    "CREATE INDEX IF NOT EXISTS outbox_created ON outbox (created_at) WHERE kind = 'message'",
    STEP_ANSWERS,  # agents' steps answered under an Idempotency-Key, kept across restarts
    PLANNED_BY,  # the version that planned each case: a newer one re-plans an older's saves
)

#: The schema version that created the ledger; schemas migrated past it adopt their heads.
_LEDGER_VERSION = MIGRATIONS.index(ledger.LEDGER) + 1

#: Any constant both sides agree on; it serialises migrations across processes.
_MIGRATION_LOCK = 0x636B7067  # "ckpg"


def migrate(conn: Connection[TupleRow], schema: str, at: str) -> int:
    """Bring ``schema`` (created if missing) up to date; return its version. ``at``, the
    server and database (``PostgresURL.display``), is named beside it in refusals.

    A schema that had cases before the ledger existed starts its ledger with their heads,
    unsealed: adopting vouches for nothing (``ledger.adopt``). A schema already current is
    only read: the lock, database-wide, would wait for every other schema's migration.
    """
    if version_found(conn, schema, at) == len(MIGRATIONS):
        return len(MIGRATIONS)
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(schema)))
        refuse_another_applications(conn, schema, at)
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        if row is None:
            conn.execute("INSERT INTO schema_version (version) VALUES (0)")
            current = 0
        else:
            current = int(str(row[0]))
        if current > len(MIGRATIONS):
            raise too_new(schema, current, at)
        if current < len(MIGRATIONS):  # writers wait for it; opening a current schema does
            take_migration_lock(conn, schema)  # not wait for them (``migration_lock``)
        with upgrading(schema, at, current):  # refused at a version set by hand
            for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
                conn.execute(script)
                if version == _LEDGER_VERSION:
                    ledger.adopt(conn)
        conn.execute("UPDATE schema_version SET version = %s", (len(MIGRATIONS),))
        return len(MIGRATIONS)


def too_new(schema: str, version: int, at: str) -> StorageError:
    """A schema a later complaintkit-postgres migrated: this one would misread it."""
    return StorageError(
        f"PostgreSQL schema {schema!r} at {at} has version {version}, newer than this "
        f"complaintkit-postgres understands ({len(MIGRATIONS)}); upgrade the plugin"
    )


def version_found(conn: Connection[TupleRow], schema: str, at: str) -> int | None:
    """The schema version ``schema`` holds: None when there is no such schema, 0 when it
    holds no complaintkit tables; another application's tables are refused (naming ``at``)."""
    if conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone() is None:
        return None
    refuse_another_applications(conn, schema, at)
    found = conn.execute(
        "SELECT 1 FROM information_schema.tables "
        "WHERE table_schema = %s AND table_name = 'schema_version'",
        (schema,),
    ).fetchone()
    if found is None:
        return 0
    row = conn.execute(
        sql.SQL("SELECT version FROM {}.schema_version").format(sql.Identifier(schema))
    ).fetchone()
    return 0 if row is None else int(str(row[0]))
