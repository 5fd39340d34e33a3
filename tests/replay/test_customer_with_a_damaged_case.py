"""``replay`` over a customer with several cases, one of whose rows is damaged by hand:
each of their other cases asked the store for the customer's history (a repeat complainant
is one with an earlier case), read every one of their case rows, the damaged one too, and
was named as damaged with it. Only the damaged case is named; the others are compared."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import POLICY, answered_cases

from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

TEXTS = ["牛奶过期了", "鸡蛋是碎的", "收银员多收了钱", "面包发霉了"]

#: Ways a case row is damaged by hand, its events left as they were.
DAMAGE = {
    "body not JSON": "UPDATE cases SET body = '{oops' WHERE id = ?",
    "status unknown": "UPDATE cases SET body = json_set(body, '$.status', '丢失') WHERE id = ?",
    "updated_at no instant": (
        "UPDATE cases SET body = json_set(body, '$.updated_at', 'yesterday') WHERE id = ?"
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
@pytest.mark.parametrize("which", [0, 1, 3], ids=["first", "middle", "last"])
def test_only_the_damaged_case_of_a_customer_is_named(
    tmp_path: Path, damage: str, which: int
) -> None:
    db = tmp_path / "store.db"
    ids = answered_cases(db, TEXTS, "同客", customer="回头客")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(DAMAGE[damage], (ids[which],))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(POLICY), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[which]]
    assert f"case {ids[which]}" in result.damaged[0][1]
    assert (result.comparison.cases, result.comparison.changed) == (len(ids) - 1, 0)
