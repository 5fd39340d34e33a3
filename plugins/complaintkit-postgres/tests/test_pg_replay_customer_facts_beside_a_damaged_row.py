"""``replay`` on PostgreSQL of a customer's cases under a policy reading their history
(``open_cases``, a per-customer compensation cap) when one of their case rows is damaged
by hand: each later case read the damaged row for its history and was named as damaged
with it. The damaged case alone is named; the others read it as its events say it stood
and replay as they were decided, as on SQLite."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import LiteralString

import pytest
from complaintkit_postgres import PostgresStorage
from pg_tampered import offered_to_a_repeat_customer, tampering

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres

POLICY = Path(__file__).parents[3] / "tests" / "fixtures" / "customer_history.yaml"

DAMAGE: dict[str, LiteralString] = {
    "status unknown": """UPDATE cases SET body = jsonb_set(body, '{status}', '"丢失"') WHERE id = %s""",
    "body not an object": """UPDATE cases SET body = '"oops"'::jsonb WHERE id = %s""",
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
@pytest.mark.parametrize("which", [0, 1], ids=["first", "second"])
def test_a_damaged_row_of_a_customer_is_named_and_their_other_cases_replay_unchanged(
    postgres_url: str, damage: str, which: int
) -> None:
    policy = load_policy(POLICY)
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(policy, storage=storage, clock=clock)
        ids = offered_to_a_repeat_customer(desk, clock)
        with tampering(storage) as conn:
            conn.execute(DAMAGE[damage], (ids[which],))
        result = replay_store(storage, policy, Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[which]]
    assert result.rejected == []
    assert (result.comparison.cases, result.comparison.changed) == (len(ids) - 1, 0)
