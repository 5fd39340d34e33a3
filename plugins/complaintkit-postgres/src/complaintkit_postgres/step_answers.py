"""The PostgreSQL store's answers of agents' steps (``complaintkit.storage.step_answers``):
table ``step_answers``, one row per agent and key, its primary key the lock.

A claim inserts the key's row first (``INSERT … ON CONFLICT``), in the transaction of the
step it guards, with no answer yet; ``keep_step_answer`` fills the answer in before that
transaction commits. A second claim of the key, from any process, waits on the row until
the first transaction ends: committed, it reads the answer (the row is only ever committed
with one); rolled back (the step was refused), it claims the key itself. An expired row,
or one committed without its answer (written outside complaintkit), is claimed anew."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import LiteralString

from psycopg import Connection
from psycopg.rows import TupleRow

from complaintkit.storage.base import Storage
from complaintkit.storage.step_answers import FORGOTTEN_AT_ONCE, StepAnswer

#: The schema migration that adds the table. ``body`` is the answer's JSON as text, not
#: ``jsonb``, which would reorder its keys: a retry gets the first answer's bytes.
STEP_ANSWERS: LiteralString = """
    CREATE TABLE IF NOT EXISTS step_answers (
        agent text NOT NULL,
        idempotency_key text NOT NULL,
        request bytea NOT NULL,
        status integer,
        body text,
        at timestamptz NOT NULL,
        PRIMARY KEY (agent, idempotency_key)
    );
    CREATE INDEX IF NOT EXISTS step_answers_at ON step_answers (at);
"""

#: Expired rows, a few at a time, passing over those another claim holds.
_FORGET: LiteralString = (
    "DELETE FROM step_answers WHERE ctid = ANY(ARRAY(SELECT ctid FROM step_answers "
    "WHERE at < %(since)s LIMIT %(most)s FOR UPDATE SKIP LOCKED))"
)

#: The key's row, new, or taken over when it expired or holds no answer; no row returned:
#: the key is held by an answer kept since ``since``.
_CLAIM: LiteralString = """
    INSERT INTO step_answers AS kept (agent, idempotency_key, request, at)
    VALUES (%(agent)s, %(key)s, '', %(since)s)
    ON CONFLICT (agent, idempotency_key) DO UPDATE
        SET request = '', status = NULL, body = NULL, at = EXCLUDED.at
        WHERE kept.at < %(since)s OR kept.status IS NULL OR kept.body IS NULL
    RETURNING true
"""

_KEEP: LiteralString = """
    INSERT INTO step_answers (agent, idempotency_key, request, status, body, at)
    VALUES (%(agent)s, %(key)s, %(request)s, %(status)s, %(body)s, %(at)s)
    ON CONFLICT (agent, idempotency_key) DO UPDATE SET request = EXCLUDED.request,
        status = EXCLUDED.status, body = EXCLUDED.body, at = EXCLUDED.at
"""


class PostgresStepAnswers(Storage):
    """``claim_step_key`` and ``keep_step_answer`` in the schema; inside a ``transaction``
    block, on its connection (a savepoint of it), else each its own transaction."""

    _transaction: Callable[[], AbstractContextManager[Connection[TupleRow]]]

    def claim_step_key(self, agent: str, key: str, since: datetime) -> StepAnswer | None:
        """The key first, the expired rows after it: a claim holding other rows while it
        waits for its key could wait on a claim waiting for one of them."""
        with self._transaction() as conn:
            claimed = conn.execute(_CLAIM, {"agent": agent, "key": key, "since": since})
            row = (
                None
                if claimed.fetchone() is not None
                else conn.execute(
                    "SELECT request, status, body, at FROM step_answers "
                    "WHERE agent = %s AND idempotency_key = %s",
                    (agent, key),
                ).fetchone()
            )
            conn.execute(_FORGET, {"since": since, "most": FORGOTTEN_AT_ONCE})
        if row is None:
            return None
        request, status, body, at = row
        return StepAnswer(bytes(request), int(status), json.loads(body), at)

    def keep_step_answer(self, agent: str, key: str, answer: StepAnswer) -> None:
        params = {
            "agent": agent,
            "key": key,
            "request": answer.request,
            "status": answer.status,
            "body": json.dumps(answer.body),
            "at": answer.at,
        }
        with self._transaction() as conn:
            conn.execute(_KEEP, params)
