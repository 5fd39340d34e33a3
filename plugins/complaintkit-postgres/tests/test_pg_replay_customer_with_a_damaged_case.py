"""``replay`` on PostgreSQL over a customer with several cases, one of whose rows is damaged
by hand: each of their other cases read the customer's case rows for its history, the
damaged one too, and was named as damaged with it. Only the damaged case is named; the
others are compared, as on SQLite."""

from __future__ import annotations

from pathlib import Path
from typing import LiteralString

import pytest
from complaintkit_postgres import PostgresStorage
from pg_tampered import taken_in, tampering

from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres

#: Counts a repeat complainant by their cases opened in the last 30 days.
POLICY = Path(__file__).parents[3] / "policies" / "retail" / "supermarket.yaml"

DAMAGE: dict[str, LiteralString] = {
    "status unknown": """UPDATE cases SET body = jsonb_set(body, '{status}', '"丢失"') WHERE id = %s""",
    "updated_at gone": "UPDATE cases SET body = body - 'updated_at' WHERE id = %s",
    "body not an object": """UPDATE cases SET body = '"oops"'::jsonb WHERE id = %s""",
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
@pytest.mark.parametrize("which", [0, 2], ids=["first", "last"])
def test_only_the_damaged_case_of_a_customer_is_named_on_postgres(
    postgres_url: str, damage: str, which: int
) -> None:
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(load_policy(POLICY), storage=storage)
        ids = taken_in(desk, 3, keys="同客", text="牛奶过期了", customer="回头客")
        with tampering(storage) as conn:
            conn.execute(DAMAGE[damage], (ids[which],))
        result = replay_store(storage, load_policy(POLICY), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[which]]
    assert (result.comparison.cases, result.comparison.changed) == (len(ids) - 1, 0)
