"""Expired step answers leave the SQLite file: each claim deletes up to
``FORGOTTEN_AT_ONCE`` of them, the oldest kept ones never among them."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.step_answers import FORGOTTEN_AT_ONCE, StepAnswer

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _rows(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [key for (key,) in db.execute("SELECT idempotency_key FROM step_answers")]


def test_claims_delete_expired_answers_a_batch_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    expired = FORGOTTEN_AT_ONCE + FORGOTTEN_AT_ONCE // 2
    since = T0 + timedelta(seconds=1)
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        with storage.transaction():
            for n in range(expired):
                storage.keep_step_answer("li.na", f"old-{n}", StepAnswer(b"r", 200, {}, T0))
            storage.keep_step_answer("li.na", "kept", StepAnswer(b"r", 200, {}, since))
        with storage.transaction():
            assert storage.claim_step_key("li.na", "new-1", since) is None
        assert len(_rows(path)) == expired + 1 - FORGOTTEN_AT_ONCE
        with storage.transaction():
            assert storage.claim_step_key("li.na", "new-2", since) is None
    assert _rows(path) == ["kept"]
