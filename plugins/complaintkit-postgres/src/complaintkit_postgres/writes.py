"""The statements that write cases, and their parameters.

Each write is one statement: atomic on its own, one round trip. Data-modifying CTEs see the
same snapshot, so ``SAVE``'s final SELECT reads the version stored *before* its update.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg.types.json import Jsonb

from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import CaseEvent

#: Claim the complaint's key first; only the claimant inserts the case. A concurrent intake
#: of the same key waits on the key's index entry until the first commits, then skips.
INTAKE = """
    WITH claimed AS (
        INSERT INTO intake_keys (channel, external_id, case_id)
        VALUES (%(channel)s, %(external_id)s, %(id)s)
        ON CONFLICT DO NOTHING RETURNING case_id
    ), written AS (
        INSERT INTO cases (id, version, status, is_open, customer_id, owner, category,
                           opened_at, next_deadline, body, planned_by)
        SELECT %(id)s, %(version)s, %(status)s, %(is_open)s, %(customer_id)s, %(owner)s,
               %(category)s, %(opened_at)s, %(next_deadline)s, %(body)s, %(planned_by)s
        FROM claimed
        RETURNING id
    ), new_events AS (
        INSERT INTO events (case_id, seq, kind, at, body)
        SELECT written.id, e.seq, e.kind, e.at, e.body FROM written,
            unnest(%(seqs)s::integer[], %(kinds)s::text[], %(ats)s::timestamptz[],
                   %(bodies)s::jsonb[]) AS e (seq, kind, at, body)
    ), new_keys AS (
        INSERT INTO intake_keys (channel, external_id, case_id)
        SELECT k.channel, k.external_id, written.id FROM written,
            unnest(%(channels)s::text[], %(external_ids)s::text[]) AS k (channel, external_id)
        ON CONFLICT DO NOTHING
    )
    SELECT count(*) > 0 FROM written
"""

#: Optimistic: the row is written only if it still has the version the events follow.
SAVE = """
    WITH written AS (
        UPDATE cases SET version = %(version)s, status = %(status)s, is_open = %(is_open)s,
            customer_id = %(customer_id)s, owner = %(owner)s, category = %(category)s,
            opened_at = %(opened_at)s, next_deadline = %(next_deadline)s, body = %(body)s,
            planned_by = coalesce(%(planned_by)s, planned_by)
        WHERE id = %(id)s AND version = %(expected)s
        RETURNING id
    ), new_events AS (
        INSERT INTO events (case_id, seq, kind, at, body)
        SELECT written.id, e.seq, e.kind, e.at, e.body FROM written,
            unnest(%(seqs)s::integer[], %(kinds)s::text[], %(ats)s::timestamptz[],
                   %(bodies)s::jsonb[]) AS e (seq, kind, at, body)
    ), new_keys AS (
        INSERT INTO intake_keys (channel, external_id, case_id)
        SELECT k.channel, k.external_id, written.id FROM written,
            unnest(%(channels)s::text[], %(external_ids)s::text[]) AS k (channel, external_id)
        ON CONFLICT DO NOTHING
    )
    SELECT (SELECT count(*) > 0 FROM written), (SELECT version FROM cases WHERE id = %(id)s)
"""


#: A tick's batch in one statement: every case whose stored version is the one its events
#: follow is written, and only their events and keys are inserted; ``save_many`` compares
#: the written ids with the batch and raises ``Conflict`` (rolling the batch back) if short.
#: Parameters go binary (``%b``): text arrays of jsonb cost a regex escape per character.
SAVE_MANY = """
    WITH batch AS (
        SELECT * FROM unnest(%(ids)b::text[], %(versions)b::integer[], %(expected)b::integer[],
            %(statuses)b::text[], %(is_opens)b::boolean[], %(customer_ids)b::text[],
            %(owners)b::text[], %(categories)b::text[], %(opened_ats)b::timestamptz[],
            %(next_deadlines)b::timestamptz[], %(bodies)b::jsonb[], %(planned_bys)b::text[])
            AS b (id, version, expected, status, is_open, customer_id, owner, category,
                  opened_at, next_deadline, body, planned_by)
    ), written AS (
        UPDATE cases c SET version = b.version, status = b.status, is_open = b.is_open,
            customer_id = b.customer_id, owner = b.owner, category = b.category,
            opened_at = b.opened_at, next_deadline = b.next_deadline, body = b.body,
            planned_by = coalesce(b.planned_by, c.planned_by)
        FROM batch b WHERE c.id = b.id AND c.version = b.expected
        RETURNING c.id
    ), new_events AS (
        INSERT INTO events (case_id, seq, kind, at, body)
        SELECT e.case_id, e.seq, e.kind, e.at, e.body
        FROM unnest(%(e_case_ids)b::text[], %(e_seqs)b::integer[], %(e_kinds)b::text[],
                    %(e_ats)b::timestamptz[], %(e_bodies)b::jsonb[])
            AS e (case_id, seq, kind, at, body)
        WHERE e.case_id IN (SELECT id FROM written)
    ), new_keys AS (
        INSERT INTO intake_keys (channel, external_id, case_id)
        SELECT k.channel, k.external_id, k.case_id
        FROM unnest(%(k_channels)b::text[], %(k_external_ids)b::text[], %(k_case_ids)b::text[])
            AS k (channel, external_id, case_id)
        WHERE k.case_id IN (SELECT id FROM written)
        ON CONFLICT DO NOTHING
    )
    SELECT coalesce(array_agg(id), '{}') FROM written
"""


def case_params(
    case: Case, events: Sequence[CaseEvent], complaints: Sequence[Complaint]
) -> dict[str, Any]:
    """``INTAKE``'s and ``SAVE``'s parameters: the case row, its new events, and the keys of
    ``complaints``."""
    return {
        "id": case.id,
        "version": case.version,
        "status": case.status.value,
        "is_open": case.is_open,
        "customer_id": case.customer_id,
        "owner": case.owner,
        "category": case.category,
        "opened_at": case.opened_at,
        "next_deadline": case.next_deadline,
        "body": Jsonb(case.to_json(shared=True)),
        "planned_by": case.planned_by,
        "seqs": [e.seq for e in events],
        "kinds": [e.kind for e in events],
        "ats": [e.at for e in events],
        "bodies": [Jsonb(e.to_json()) for e in events],
        "channels": [c.channel for c in complaints],
        "external_ids": [c.external_id for c in complaints],
    }


def batch_params(
    changes: Sequence[tuple[Case, Sequence[CaseEvent]]], expected: dict[str, int]
) -> dict[str, Any]:
    """``SAVE_MANY``'s arrays: one element per case, per event and per intake key."""
    cases = [case for case, _ in changes]
    events = [event for _, saved in changes for event in saved]
    keys = [(case.id, c) for case in cases for c in case.complaints]
    return {
        "ids": [c.id for c in cases],
        "versions": [c.version for c in cases],
        "expected": [expected[c.id] for c in cases],
        "statuses": [c.status.value for c in cases],
        "is_opens": [c.is_open for c in cases],
        "customer_ids": [c.customer_id for c in cases],
        "owners": [c.owner for c in cases],
        "categories": [c.category for c in cases],
        "opened_ats": [c.opened_at for c in cases],
        "next_deadlines": [c.next_deadline for c in cases],
        "bodies": [Jsonb(c.to_json(shared=True)) for c in cases],
        "planned_bys": [c.planned_by for c in cases],
        "e_case_ids": [e.case_id for e in events],
        "e_seqs": [e.seq for e in events],
        "e_kinds": [e.kind for e in events],
        "e_ats": [e.at for e in events],
        "e_bodies": [Jsonb(e.to_json()) for e in events],
        "k_channels": [c.channel for _, c in keys],
        "k_external_ids": [c.external_id for _, c in keys],
        "k_case_ids": [case_id for case_id, _ in keys],
    }
