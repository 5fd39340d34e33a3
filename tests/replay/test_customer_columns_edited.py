"""``replay`` of a customer's cases under a policy reading their history (``open_cases``
and a per-customer voucher cap) after one case row's ``customer_id`` or ``opened_at``
column was edited by hand, its body and events left as they were. The edited case was
named, but the history queries select on those columns: the case dropped out of its
customer's other cases' facts (or into another customer's), and their vouchers replayed
as changed though nothing about them had. Each case now counts where its sealed events
file it; only the edited one is named."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from test_customer_facts_beside_a_damaged_row import POLICY, START, _history

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

#: Ways the columns the history queries select on are edited, and what the replay says.
EDITS = {
    "customer moved away": (
        "UPDATE cases SET customer_id = '别人' WHERE id = ?",
        "customer_id column says '别人'",
    ),
    "opened later": (
        "UPDATE cases SET opened_at = opened_at + 5 * 86400 WHERE id = ?",
        "opened_at column says 2026-10-0",
    ),
    "opened long before": (
        "UPDATE cases SET opened_at = opened_at - 400 * 86400 WHERE id = ?",
        "opened_at column says 2025-",
    ),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
@pytest.mark.parametrize("which", [0, 1], ids=["first", "second"])
def test_an_edited_customer_column_changes_no_other_case(
    tmp_path: Path, edit: str, which: int
) -> None:
    policy = load_policy(POLICY)
    db = tmp_path / "store.db"
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        ids = _history(Desk(policy, storage=storage, clock=ManualClock(START)))
    statement, said = EDITS[edit]
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(statement, (ids[which],))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, policy, Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[which]]
    assert said in result.damaged[0][1]
    assert (result.comparison.cases, result.comparison.changed) == (len(ids) - 1, 0)


def test_a_case_moved_onto_another_customer_changes_none_of_theirs(tmp_path: Path) -> None:
    """The other way round: a stranger's case filed under the customer by its column."""
    policy = load_policy(POLICY)
    db = tmp_path / "store.db"
    clock = ManualClock(START - timedelta(hours=1))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(policy, storage=storage, clock=clock)
        stranger = desk.intake(
            {
                "channel": "web",
                "external_id": "stranger",
                "received_at": clock.now().isoformat(),
                "customer": {"id": "陌生人"},
                "text": "parcel is late",
                "amount": {"amount": "200.00", "currency": "CNY"},
            }
        )
        proposed = desk.propose_compensation(stranger.id, actor="ann").compensation[-1]
        desk.offer_compensation(stranger.id, proposed["id"], actor="ann")
        clock.advance(timedelta(hours=1))
        ids = _history(desk)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE cases SET customer_id = '回头客' WHERE id = ?", (stranger.id,))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, policy, Plugins())
    assert [case_id for case_id, _ in result.damaged] == [stranger.id]
    assert (result.comparison.cases, result.comparison.changed) == (len(ids), 0)
