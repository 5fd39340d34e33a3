"""Pooled connections the server ended (a restart, an idle timeout, an administrator) are
replaced when handed out: the next operations work, instead of each dead connection
failing one tick or one request with 'terminating connection'."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import psycopg
from complaintkit_postgres import PostgresStorage

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_operations_after_the_server_ended_every_pooled_connection(postgres_url: str) -> None:
    name = f"ck-ended-{secrets.token_hex(4)}"
    url = f"{postgres_url}&pool_min=2&pool_max=2&application_name={name}"
    with PostgresStorage(url) as storage:
        desk = Desk(storage=storage, clock=ManualClock(T0))
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "e1",
                "received_at": T0.isoformat(),
                "customer": {"id": "C1"},
                "text": "没到",
            }
        )
        with psycopg.connect(storage.options.conninfo, autocommit=True) as admin:
            ended = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = %s AND pid <> pg_backend_pid()",
                (name,),
            ).fetchone()
        assert ended is not None
        assert ended[0] >= 1
        for _ in range(3):  # as many operations as the pool holds connections, and more
            desk.tick(T0 + timedelta(hours=1))
            assert desk.get(case.id).id == case.id
