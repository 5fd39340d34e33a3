"""``replay`` on PostgreSQL of a customer's cases under a policy reading their history
(``open_cases``, a per-customer voucher cap) after one case row's ``customer_id`` or
``opened_at`` column was edited by hand: the history queries select on those columns, so
the case dropped out of the customer's other cases' facts and their vouchers replayed as
changed. Each case now counts where its sealed events file it; only the edited one is
named, as on SQLite."""

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

EDITS: dict[str, tuple[LiteralString, str]] = {
    "customer moved away": (
        "UPDATE cases SET customer_id = '别人' WHERE id = %s",
        "customer_id column says '别人'",
    ),
    "opened later": (
        "UPDATE cases SET opened_at = opened_at + interval '5 days' WHERE id = %s",
        "opened_at column says 2026-10-0",
    ),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
@pytest.mark.parametrize("which", [0, 1], ids=["first", "second"])
def test_an_edited_customer_column_changes_no_other_case_on_postgres(
    postgres_url: str, edit: str, which: int
) -> None:
    policy = load_policy(POLICY)
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(policy, storage=storage, clock=clock)
        ids = offered_to_a_repeat_customer(desk, clock)
        statement, said = EDITS[edit]
        with tampering(storage) as conn:
            conn.execute(statement, (ids[which],))
        result = replay_store(storage, policy, Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[which]]
    assert said in result.damaged[0][1]
    assert (result.comparison.cases, result.comparison.changed) == (len(ids) - 1, 0)
