"""The storage contract every backend keeps, run against PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.testing import StorageContract
from complaintkit.testing.planned_by_contract import PlannedByContract


class TestPostgresContract(StorageContract, PlannedByContract):
    @pytest.fixture
    def storage(self, postgres_url: str) -> Iterator[PostgresStorage]:
        with PostgresStorage(postgres_url) as backend:
            yield backend
