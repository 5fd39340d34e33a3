"""``replay`` on PostgreSQL over a store whose every case row was deleted (the foreign key
dropped), its events left: with no row to say where the history ends, it returned before
reading the events, "0 case(s); 0 would change" with nothing named, and ``--case`` with one
of those ids "the store holds no case". Each case is named as damaged, as on SQLite."""

from __future__ import annotations

import pytest
from complaintkit_postgres import PostgresStorage
from pg_tampered import taken_in, tampering

from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("one_case", [False, True], ids=["store", "--case"])
def test_a_store_of_events_without_rows_names_them_on_postgres(
    postgres_url: str, one_case: bool
) -> None:
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(storage=storage)
        ids = taken_in(desk, 2, keys="孤")
        with tampering(storage) as conn:
            conn.execute("ALTER TABLE events DROP CONSTRAINT events_case_id_fkey")
            conn.execute("DELETE FROM intake_keys")
            conn.execute("DELETE FROM cases")
        asked = ids[1] if one_case else None
        result = replay_store(storage, desk.policy, Plugins(), case_id=asked)
    assert [case_id for case_id, _ in result.damaged] == ([asked] if asked else sorted(ids))
    assert all("case row is missing" in why for _, why in result.damaged)
    assert result.comparison.cases == 0
