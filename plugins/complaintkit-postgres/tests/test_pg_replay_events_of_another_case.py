"""``replay`` on PostgreSQL over a case whose events were copied from another case, each
still sealed for it: replayed as the other case, counted twice, "0 would change". The case
is named as damaged, with the case its events were sealed for, as on SQLite."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres


def test_events_sealed_for_another_case_on_postgres_are_named(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage)
        source, victim = (
            desk.intake(
                {
                    "channel": "web",
                    "external_id": f"PG{n}",
                    "received_at": datetime(2026, 11, 23, 9, n, tzinfo=UTC).isoformat(),
                    "customer": {"id": f"顾客{n}"},
                    "text": f"投诉 {n}",
                }
            ).id
            for n in range(2)
        )
        with psycopg.connect(
            storage.options.conninfo, options=storage.options.server_options, autocommit=True
        ) as conn:
            conn.execute("DELETE FROM events WHERE case_id = %s", (victim,))
            conn.execute(
                "INSERT INTO events (case_id, seq, kind, at, body) "
                "SELECT %s, seq, kind, at, body FROM events WHERE case_id = %s",
                (victim, source),
            )
        result = replay_store(storage, desk.policy, Plugins())
    assert [case_id for case_id, _ in result.damaged] == [victim]
    assert f"sealed for case {source}" in result.damaged[0][1]
    assert result.comparison.cases == 1
