"""A key holding a NUL character — which PostgreSQL cannot store, and psycopg refuses to
send — is simply not there, as on SQLite: not found, never a driver's DataError (which the
API answered as an unprocessable request for a status page link with %00 in it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.api.app import create_app
from complaintkit.desk import Desk
from complaintkit.errors import NotFound
from complaintkit.storage.base import CaseQuery, Storage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.server import running_server
from complaintkit.testing.storage_contract import make_complaint

LOOKUPS: dict[str, Callable[[Storage], Any]] = {
    "get": lambda s: s.get("CK-\x00"),
    "events": lambda s: s.events("CK-\x00"),
    "find_by_token": lambda s: s.find_by_token("token\x00"),
    "find_by_key": lambda s: s.find_by_key("web", "T\x00"),
    "find": lambda s: s.find(CaseQuery(owner="li\x00na")),
    "count": lambda s: s.count(CaseQuery(customer_id="C\x00")),
    "deliveries": lambda s: s.deliveries(case_id="CK-\x00"),
}


def answer(lookup: Callable[[Storage], Any], storage: Storage) -> Any:
    try:
        return lookup(storage)
    except NotFound:
        return "not found"


@pytest.fixture
def stores(postgres_url: str, tmp_path: Path) -> Iterator[tuple[Storage, Storage]]:
    sqlite, postgres = (
        SQLiteStorage(f"sqlite:///{tmp_path / 'c.db'}"),
        PostgresStorage(postgres_url),
    )
    for storage in (sqlite, postgres):
        Desk(storage=storage).intake(make_complaint("T1"))
    yield sqlite, postgres
    sqlite.close()
    postgres.close()


@pytest.mark.parametrize("name", sorted(LOOKUPS))
def test_a_key_with_a_nul_is_not_there(stores: tuple[Storage, Storage], name: str) -> None:
    sqlite, postgres = stores
    assert answer(LOOKUPS[name], postgres) == answer(LOOKUPS[name], sqlite)


def test_a_status_link_with_a_nul_is_a_404(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        app = create_app(Desk(storage=storage), agent_tokens={"agent-token-0123456789": "li.na"})
        with running_server(app) as url, httpx.Client(base_url=url) as client:
            assert client.get("/status/abc%00def").status_code == 404
            auth = {"Authorization": "Bearer agent-token-0123456789"}
            answered = client.post("/cases/CK-%00/respond", json={"message": "hi"}, headers=auth)
            assert answered.status_code == 404
