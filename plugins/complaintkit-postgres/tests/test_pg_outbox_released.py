"""The outbox lock is free as soon as its holder's block ends. Closing the lock's connection
frees it only once the server has ended that connection's backend, after the close
returns: the next worker's pass, or the same worker's, could find it still held and skip
(the outbox contract's re-hold failed so on a loaded server)."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from test_pg_outbox_lock_lost import lock_holders

pytestmark = pytest.mark.postgres


def test_the_outbox_lock_is_free_once_the_block_ends(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    unclosed: list[psycopg.Connection[Any]] = []

    def put_off(conn: psycopg.Connection[Any]) -> None:
        """As a server slow to end a closed connection's backend puts off its locks' end."""
        unclosed.append(conn)

    with PostgresStorage(postgres_url) as storage:
        try:
            with monkeypatch.context() as patched:
                patched.setattr(psycopg.Connection, "close", put_off)
                with storage.hold_outbox() as held:
                    assert held
                    assert len(lock_holders(postgres_url)) == 1
            assert unclosed  # the lock's connection, still open
            assert lock_holders(postgres_url) == []
            with storage.hold_outbox() as again:
                assert again
        finally:
            for conn in unclosed:
                conn.close()
