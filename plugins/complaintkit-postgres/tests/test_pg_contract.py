"""The storage contract every backend keeps, run against PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from complaintkit_postgres import PostgresStorage
from pg_emptied import emptied_postgres_url, migrated_schema

from complaintkit.testing import StorageContract
from complaintkit.testing.planned_by_contract import PlannedByContract

__all__ = ["emptied_postgres_url", "migrated_schema"]  # the module's schema, put back per test


class TestPostgresContract(StorageContract, PlannedByContract):
    @pytest.fixture
    def storage(self, emptied_postgres_url: str) -> Iterator[PostgresStorage]:
        with PostgresStorage(emptied_postgres_url) as backend:
            yield backend
