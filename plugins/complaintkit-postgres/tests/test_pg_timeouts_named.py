"""A statement the server cancels past the session's ``statement_timeout`` or
``lock_timeout`` (the URL's ``options``, ``PGOPTIONS``, the role's or database's) was a
``StorageError`` saying only "PostgreSQL at <server>: canceling statement due to statement
timeout": neither the schema (one server holds many stores) nor the setting to change."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from psycopg import sql

from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.testing.storage_contract import make_complaint

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("setting", ["statement_timeout", "lock_timeout"])
def test_a_timed_out_statement_names_the_schema_and_the_setting(
    postgres_url: str, setting: str
) -> None:
    PostgresStorage(postgres_url).close()  # migrated, so opening waits for no migration
    with PostgresStorage(f"{postgres_url}%20-c%20{setting}%3D300") as storage:
        schema = storage.options.schema
        desk = Desk(storage=storage)
        with psycopg.connect(storage.options.conninfo) as other:
            other.execute(
                sql.SQL("LOCK TABLE {}.cases IN ACCESS EXCLUSIVE MODE").format(
                    sql.Identifier(schema)
                )
            )
            failures = []
            for call in (
                lambda: list(storage.case_ids()),
                lambda: desk.intake(make_complaint("timed-out")),
            ):
                with pytest.raises(StorageError) as failed:
                    call()
                failures.append(str(failed.value))
        assert list(storage.case_ids()) == []  # nothing of the intake was written
    for message in failures:
        assert repr(schema) in message
        assert "127.0.0.1" in message
        assert setting in message


def test_a_timed_out_statement_on_the_outbox_locks_connection_is_no_lost_connection(
    postgres_url: str,
) -> None:
    """The delivery worker reads and records on the outbox lock's own connection: a
    statement cancelled there left the lock held, and was said as the connection lost."""
    PostgresStorage(postgres_url).close()
    with PostgresStorage(f"{postgres_url}%20-c%20lock_timeout%3D300") as storage:
        schema = storage.options.schema
        with storage.hold_outbox() as held, psycopg.connect(storage.options.conninfo) as other:
            assert held
            other.execute(
                sql.SQL("LOCK TABLE {}.outbox IN ACCESS EXCLUSIVE MODE").format(
                    sql.Identifier(schema)
                )
            )
            with pytest.raises(StorageError) as failed:
                storage.due_deliveries(datetime.now(UTC), 10)
            other.rollback()
            assert storage.due_deliveries(datetime.now(UTC), 10) == []  # still held, usable
    message = str(failed.value)
    assert repr(schema) in message
    assert "lock_timeout" in message
    assert "lost" not in message
