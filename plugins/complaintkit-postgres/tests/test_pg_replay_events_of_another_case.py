"""``replay`` on PostgreSQL over a case whose events were copied from another case, each
still sealed for it: replayed as the other case, counted twice, "0 would change". The case
is named as damaged, with the case its events were sealed for, as on SQLite."""

from __future__ import annotations

import pytest
from complaintkit_postgres import PostgresStorage
from pg_tampered import taken_in, tampering

from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres


def test_events_sealed_for_another_case_on_postgres_are_named(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage)
        source, victim = taken_in(desk, 2)
        with tampering(storage) as conn:
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
