"""``replay`` of a customer's cases under a policy reading their history — ``open_cases``
and a per-customer compensation cap — when one of their case rows is damaged by hand,
its events left as they were. The later cases asked the store for the customer's earlier
cases and read the damaged row with them: each was named as damaged for a row not its
own. The damaged case alone is named; the others read it as its events say it stood,
so their history, tags and capped vouchers replay as they were decided."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage

POLICY = Path(__file__).parents[1] / "fixtures" / "customer_history.yaml"

START = datetime(2026, 10, 1, 2, tzinfo=UTC)

#: Ways a case row is damaged by hand (SQLite), its events left as they were.
DAMAGE = {
    "body not JSON": "UPDATE cases SET body = '{oops' WHERE id = ?",
    "status unknown": "UPDATE cases SET body = json_set(body, '$.status', '丢失') WHERE id = ?",
    "body a blob": "UPDATE cases SET body = X'FFFE7B7D' WHERE id = ?",
}


def _history(desk: Desk) -> list[str]:
    """Three late parcels of one customer, an hour apart, each offered a voucher of half
    of its 80 yuan: 40, 40, then the 20 left under the 100 yuan cap."""
    ids = []
    for n in range(3):
        case = desk.intake(
            {
                "channel": "web",
                "external_id": f"late-{n}",
                "received_at": desk.clock.now().isoformat(),
                "customer": {"id": "回头客"},
                "text": "parcel is late",
                "amount": {"amount": "80.00", "currency": "CNY"},
            }
        )
        proposed = desk.propose_compensation(case.id, actor="ann").compensation[-1]
        desk.offer_compensation(case.id, proposed["id"], actor="ann")
        desk.clock.advance(timedelta(hours=1))  # type: ignore[attr-defined]
        ids.append(case.id)
    return ids


def _vouchers(storage: Storage, ids: list[str]) -> list[str]:
    return [storage.get(i).compensation[-1]["decision"]["total"]["amount"] for i in ids[1:]]


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
@pytest.mark.parametrize("which", [0, 1], ids=["first", "second"])
def test_a_damaged_row_of_a_customer_is_named_and_their_other_cases_replay_unchanged(
    tmp_path: Path, damage: str, which: int
) -> None:
    policy = load_policy(POLICY)
    db = tmp_path / "store.db"
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        ids = _history(Desk(policy, storage=storage, clock=ManualClock(START)))
        assert _vouchers(storage, ids) == ["40.00", "20.00"]  # the cap counted the others
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(DAMAGE[damage], (ids[which],))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, policy, Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[which]]
    assert f"case {ids[which]}" in result.damaged[0][1]
    assert result.rejected == []
    assert (result.comparison.cases, result.comparison.changed) == (len(ids) - 1, 0)
