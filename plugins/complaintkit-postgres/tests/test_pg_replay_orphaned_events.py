"""``replay`` on PostgreSQL over events stored under a case id with no case row (its foreign
key dropped, the row deleted): left out without a word, "0 would change", while ``audit verify`` names them. The case is named as
damaged, as on SQLite."""

from __future__ import annotations

import pytest
from complaintkit_postgres import PostgresStorage
from pg_tampered import taken_in, tampering

from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("one_case", [False, True], ids=["store", "--case"])
def test_events_without_a_case_row_on_postgres_are_named(postgres_url: str, one_case: bool) -> None:
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage)
        kept, victim = taken_in(desk, 2)
        with tampering(storage) as conn:
            conn.execute("ALTER TABLE events DROP CONSTRAINT events_case_id_fkey")
            conn.execute("DELETE FROM intake_keys WHERE case_id = %s", (victim,))
            conn.execute("DELETE FROM cases WHERE id = %s", (victim,))
        result = replay_store(storage, desk.policy, Plugins(), case_id=victim if one_case else None)
    assert [case_id for case_id, _ in result.damaged] == [victim]
    assert "case row is missing" in result.damaged[0][1]
    assert result.comparison.cases == (0 if one_case else 1)
    assert kept != victim
