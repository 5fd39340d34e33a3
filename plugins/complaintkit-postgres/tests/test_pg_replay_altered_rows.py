"""``replay`` on PostgreSQL over a voucher's amount edited by hand in the case row or in
``case_remedies``, the events untouched: it counted the events' 20 yuan and said "0 would
change". The case is named as damaged, with the row and both amounts, as on SQLite."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from complaintkit_postgres import PostgresStorage
from pg_tampered import late_deliveries, tampering

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store

pytestmark = pytest.mark.postgres

POLICY = Path(__file__).parents[3] / "policies" / "retail" / "supermarket.yaml"

EDITS = {
    "case row": (
        "UPDATE cases SET body = jsonb_set(body, '{compensation,0,decision,total,amount}', "
        "'\"9999.00\"') WHERE id = %s",
        "compensation[0].decision.total.amount '9999.00' but its events say '20.00'",
    ),
    "report row": (
        "UPDATE case_remedies SET amount = '9999.00' WHERE case_id = %s AND seq = 0",
        "case_remedies row 0: amount says '9999.00' but its history gives '20.00'",
    ),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_hand_edited_amount_on_postgres_is_named(postgres_url: str, edit: str) -> None:
    statement, said = EDITS[edit]
    clock = ManualClock(datetime(2026, 10, 1, 2, tzinfo=UTC))
    with PostgresStorage(postgres_url) as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=clock)
        ids = late_deliveries(
            desk, clock, lambda case_id: desk.propose_compensation(case_id, actor="li.na")
        )
        with tampering(storage) as conn:
            conn.execute(statement, (ids[0],))
        result = replay_store(storage, load_policy(POLICY), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[0]]
    assert said in result.damaged[0][1]
    assert result.comparison.cases == 1
