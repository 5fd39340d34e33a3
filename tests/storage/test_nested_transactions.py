"""Every backend nests ``transaction()`` blocks alike: a nested block that raises is undone
and the outer one goes on. The memory store joined the outer block instead, so code tried on
``memory:`` kept a failed nested block's writes there (cases, purges, outbox rows) and lost
them on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.storage.base import Storage
from complaintkit.storage.memory import MemoryStorage
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.transaction_contract import (
    check_a_nested_block_that_raises_is_undone,
    check_an_outer_block_that_raises_undoes_everything,
)


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    """PostgreSQL is skipped, naming why, when its server is unreachable, and fails then
    under ``COMPLAINTKIT_REQUIRE_SERVICES=1`` (the ``postgres_url`` fixture decides)."""
    storage: Storage
    if request.param == "memory":
        storage = MemoryStorage()
    elif request.param == "sqlite":
        storage = SQLiteStorage(f"sqlite:///{tmp_path / 'cases.db'}")
    else:
        storage = PostgresStorage(str(request.getfixturevalue("postgres_url")))
    with storage:
        yield storage


@pytest.mark.parametrize(
    "check",
    [
        check_a_nested_block_that_raises_is_undone,
        check_an_outer_block_that_raises_undoes_everything,
    ],
)
def test_nested_transactions_agree_on_every_backend(
    backend: Storage, check: Callable[[Storage], None]
) -> None:
    check(backend)
