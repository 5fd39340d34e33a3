"""``replay`` over an event whose sealed ``seq`` was edited to another type (the text "2",
2.0, true): the case was named as "stored event 2 is damaged: missing; found event 2
instead", an event said missing and found under one number. It is named with the value
that is no whole number, and the other cases are compared."""

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

SEQS = {"text": ("'2'", "'2'"), "float": ("2.0", "2.0"), "true": ("json('true')", "True")}


@pytest.mark.parametrize("seq", list(SEQS), ids=list(SEQS))
def test_a_sealed_seq_of_another_type_is_named_as_such(tmp_path: Path, seq: str) -> None:
    value, shown = SEQS[seq]
    db = tmp_path / "store.db"
    ids = answered_cases(db, ["牛奶过期了", "鸡蛋是碎的"], "序")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            f"UPDATE events SET body = json_set(body, '$.seq', {value}) "
            "WHERE case_id = ? AND seq = 2",
            (ids[0],),
        )
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(POLICY), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[0]]
    said = result.damaged[0][1]
    assert f"stored event 2 is damaged: its seq is {shown}, not a whole number" in said
    assert result.comparison.cases == 1
