"""Opening a store whose schema is current waits for no migration: every open took the
database-wide migration lock, so with ``lock_timeout`` in the URL an open failed whenever
another schema of the database was being migrated (another application's complaintkit
starting, a test run beside it), and without it the open waited for that migration."""

from __future__ import annotations

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage, schema
from complaintkit_postgres.url import parse_url

pytestmark = pytest.mark.postgres


def test_a_current_schema_opens_while_another_schema_migrates(postgres_url: str) -> None:
    PostgresStorage(postgres_url).close()  # migrated: current from now on
    with psycopg.connect(parse_url(postgres_url).conninfo) as migrating:
        migrating.execute("SELECT pg_advisory_xact_lock(%s)", (schema._MIGRATION_LOCK,))
        with PostgresStorage(f"{postgres_url}&options=-c%20lock_timeout%3D200") as storage:
            assert storage.schema_version == len(schema.MIGRATIONS)
            assert list(storage.case_ids()) == []
