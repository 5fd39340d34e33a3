"""The SQLite store's answers of agents' steps (``storage.step_answers``): table
``step_answers``, one row per agent and key. A claim and the step it guards run in one
write transaction, and SQLite lets one writer in at a time, every process's: a second
request with the key reads the row the first committed with its step, or, when the first
rolled back, finds none and runs the step itself."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from complaintkit.storage.base import Storage
from complaintkit.storage.step_answers import FORGOTTEN_AT_ONCE, StepAnswer

#: The schema migration that adds the table. ``at`` is Unix seconds, as ``next_deadline``;
#: ``body`` the answer's JSON text, its keys in the order they were sent.
STEP_ANSWERS = """
CREATE TABLE IF NOT EXISTS step_answers (
    agent TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request BLOB NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (agent, idempotency_key)
);
CREATE INDEX IF NOT EXISTS step_answers_at ON step_answers (at);
"""

_FORGET = (
    "DELETE FROM step_answers WHERE rowid IN (SELECT rowid FROM step_answers WHERE at < ? LIMIT ?)"
)


class SQLiteStepAnswers(Storage):
    """``claim_step_key`` and ``keep_step_answer`` in the SQLite file."""

    _transaction: Callable[..., AbstractContextManager[sqlite3.Connection]]

    def claim_step_key(self, agent: str, key: str, since: datetime) -> StepAnswer | None:
        """The write transaction it joins already holds the key: every writer's."""
        oldest = since.timestamp()
        with self._transaction() as db:
            db.execute(_FORGET, (oldest, FORGOTTEN_AT_ONCE))
            row = db.execute(
                "SELECT request, status, body, at FROM step_answers "
                "WHERE agent = ? AND idempotency_key = ? AND at >= ?",
                (agent, key, oldest),
            ).fetchone()
        if row is None:
            return None
        request, status, body, at = row
        return StepAnswer(bytes(request), int(status), json.loads(body), _instant(at))

    def keep_step_answer(self, agent: str, key: str, answer: StepAnswer) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO step_answers "
                "(agent, idempotency_key, request, status, body, at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    agent,
                    key,
                    answer.request,
                    answer.status,
                    json.dumps(answer.body),
                    answer.at.timestamp(),
                ),
            )


def _instant(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
