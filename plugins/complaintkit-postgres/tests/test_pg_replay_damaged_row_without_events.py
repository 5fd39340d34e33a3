"""``replay`` on PostgreSQL over a case whose row is damaged and whose events are gone (the
foreign key dropped, the events deleted): looking for where the case opened, it asked the
store for its events and stopped the whole replay with "no case … in postgresql://…", as if
the store lacked a case it holds. The case is named as damaged and the others compared."""

from __future__ import annotations

import pytest
from complaintkit_postgres import PostgresStorage
from pg_tampered import taken_in, tampering

from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres


def test_a_damaged_row_without_events_is_named_on_postgres(postgres_url: str) -> None:
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage)
        kept, victim = taken_in(desk, 2, text="商品破损")
        with tampering(storage) as conn:
            conn.execute("ALTER TABLE events DROP CONSTRAINT events_case_id_fkey")
            conn.execute("DELETE FROM events WHERE case_id = %s", (victim,))
            conn.execute(
                """UPDATE cases SET body = jsonb_set(body, '{status}', '"丢失"') WHERE id = %s""",
                (victim,),
            )
        result = replay_store(storage, desk.policy, Plugins())
    assert [case_id for case_id, _ in result.damaged] == [victim]
    assert "丢失" in result.damaged[0][1]
    assert result.comparison.cases == 1
    assert kept != victim
