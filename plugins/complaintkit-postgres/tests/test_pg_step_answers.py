"""A step sent with an ``Idempotency-Key`` is recorded once on PostgreSQL however it is sent
again: after ``serve`` restarted, to a second ``serve`` on the same schema, at once (the
key's row, claimed first in the step's transaction, makes the second wait). The key of
another body is refused, naming it; a key past ``KEPT_FOR`` acts again. A schema from
before the table migrates to hold it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from complaintkit_postgres import PostgresStorage, schema
from complaintkit_postgres.step_answers import STEP_ANSWERS
from hypothesis import HealthCheck, given, settings

from complaintkit.storage.step_answers import FORGOTTEN_AT_ONCE, StepAnswer
from complaintkit.testing import step_retry_contract as contract

pytestmark = pytest.mark.postgres

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _store(url: str) -> contract.OpenStore:
    return lambda: PostgresStorage(url)


def test_a_retry_after_a_restart_gets_the_first_answer(postgres_url: str) -> None:
    contract.check_a_retry_after_a_restart_gets_the_first_answer(_store(postgres_url))


def test_the_key_of_another_body_is_refused_naming_it(postgres_url: str) -> None:
    contract.check_the_key_of_another_body_is_refused(_store(postgres_url))


def test_a_key_kept_a_day_to_the_second_then_acts_again(postgres_url: str) -> None:
    contract.check_an_expired_key_acts_again(_store(postgres_url))


def test_two_servers_sent_a_key_at_once_record_it_once(postgres_url: str) -> None:
    contract.check_servers_sent_a_key_at_once_record_it_once(_store(postgres_url))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(moves=contract.moves())
def test_any_run_of_sends_and_restarts_records_each_key_once(
    postgres_url: str, moves: list[contract.Move]
) -> None:
    contract.check_a_run_of_sends_and_restarts(_store(postgres_url), moves)


def test_a_schema_from_before_the_table_migrates_to_keep_answers(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = schema.MIGRATIONS.index(STEP_ANSWERS)
    with monkeypatch.context() as older:
        older.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:before])
        PostgresStorage(postgres_url).close()
    answer = StepAnswer(b"digest", 200, {"case_id": "CK-1", "version": 2}, T0)
    with PostgresStorage(postgres_url) as storage:
        assert storage.schema_version == len(schema.MIGRATIONS)
        with storage.transaction():
            assert storage.claim_step_key("li.na", "k", T0 - timedelta(days=1)) is None
            storage.keep_step_answer("li.na", "k", answer)
    with PostgresStorage(postgres_url) as storage, storage.transaction():
        assert storage.claim_step_key("li.na", "k", T0) == answer
        assert storage.claim_step_key("li.na", "k", T0 + timedelta(seconds=1)) is None


def test_claims_delete_expired_answers_a_batch_at_a_time(postgres_url: str) -> None:
    """Each claim deletes up to ``FORGOTTEN_AT_ONCE`` expired answers; kept ones stay."""
    expired = FORGOTTEN_AT_ONCE + FORGOTTEN_AT_ONCE // 2
    since = T0 + timedelta(seconds=1)
    with PostgresStorage(postgres_url) as storage:
        with storage.transaction():
            for n in range(expired):
                storage.keep_step_answer("li.na", f"old-{n}", StepAnswer(b"r", 200, {}, T0))
            storage.keep_step_answer("li.na", "kept", StepAnswer(b"r", 200, {}, since))
        with storage.transaction():
            assert storage.claim_step_key("li.na", "new-1", since) is None
        assert len(_old(storage)) == expired - FORGOTTEN_AT_ONCE
        with storage.transaction():
            assert storage.claim_step_key("li.na", "new-2", since) is None
        assert _old(storage) == []
        assert storage.claim_step_key("li.na", "kept", since) is not None


def _old(storage: PostgresStorage) -> list[str]:
    with storage.connection() as conn:
        rows = conn.execute(
            "SELECT idempotency_key FROM step_answers WHERE at < %s", (T0 + timedelta(seconds=1),)
        )
        return [key for (key,) in rows.fetchall()]
