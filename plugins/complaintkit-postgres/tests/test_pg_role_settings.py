"""The storage contract kept for a role a DBA gave other session defaults.

A deployment's database or role may start every session with another ``DateStyle``
(``SQL, DMY`` in much of Europe), a local ``TimeZone`` or ``IntervalStyle``:
every instant must still be read back as the same aware instant.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from complaintkit_postgres import PostgresStorage
from pg_roles import role_url

from complaintkit.testing import StorageContract

pytestmark = pytest.mark.postgres


class TestContractForADayFirstRole(StorageContract):
    @pytest.fixture
    def storage(self, postgres_server_url: str) -> Iterator[PostgresStorage]:
        settings = {
            "DateStyle": "SQL, DMY",
            "TimeZone": "Asia/Shanghai",
            "IntervalStyle": "sql_standard",
        }
        with role_url(postgres_server_url, settings) as url, PostgresStorage(url) as backend:
            yield backend


class TestContractWithTheClientsDateStyle(StorageContract):
    """libpq sends ``PGDATESTYLE`` and ``PGTZ`` from the environment after the URL's
    ``options``, so they win over them."""

    @pytest.fixture
    def storage(
        self, postgres_url: str, monkeypatch: pytest.MonkeyPatch
    ) -> Iterator[PostgresStorage]:
        monkeypatch.setenv("PGDATESTYLE", "Postgres, DMY")
        monkeypatch.setenv("PGTZ", "America/New_York")
        with PostgresStorage(postgres_url) as backend:
            yield backend
