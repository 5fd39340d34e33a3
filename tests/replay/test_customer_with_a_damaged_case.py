"""``replay`` over a customer with several cases, one of whose rows is damaged by hand:
each of their other cases asked the store for the customer's history (a repeat complainant
is one with an earlier case), read every one of their case rows, the damaged one too, and
was named as damaged with it. Only the damaged case is named; the others are compared."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import POLICY, answered_cases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


@pytest.fixture(scope="module")
def one_customer(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    db = tmp_path_factory.mktemp("one-customer") / "store.db"
    return db, answered_cases(db, TEXTS, "常客", customer="回头客")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_the_damaged_cases_of_a_customer_are_named_and_only_they(
    one_customer: tuple[Path, list[str]], data: st.DataObject
) -> None:
    stored, ids = one_customer
    damage = data.draw(
        st.dictionaries(st.sampled_from(ids), st.sampled_from(list(DAMAGE)), max_size=len(ids))
    )
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "store.db"
        shutil.copyfile(stored, db)
        with closing(sqlite3.connect(db)) as conn, conn:
            for case_id, how in damage.items():
                conn.execute(DAMAGE[how], (case_id,))
        with SQLiteStorage(f"sqlite:///{db}") as storage:
            result = replay_store(storage, load_policy(POLICY), Plugins())
    assert sorted(case_id for case_id, _ in result.damaged) == sorted(damage)
    assert (result.comparison.cases, result.comparison.changed) == (len(ids) - len(damage), 0)
