"""``replay`` over a case row whose body was rewritten by hand as bytes that are not UTF-8
(as a blob, or as text SQLite holds undecoded): the case was named with what a JSON decoder
made of the bytes ("not valid JSON" and the decoder's words, a blob starting 0xFF 0xFE read
as UTF-16), while ``audit verify`` says the row is not UTF-8 text. The replay says so too."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import POLICY, answered_cases

from complaintkit.audit.sql_text import NOT_TEXT
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

BODIES = {
    "blob": "UPDATE cases SET body = X'FFFE7B7D' WHERE id = ?",
    "text": "UPDATE cases SET body = CAST(X'7B226964223A22FF227D' AS TEXT) WHERE id = ?",
}


@pytest.mark.parametrize("body", list(BODIES), ids=list(BODIES))
def test_a_case_row_of_bytes_not_utf8_is_named_so(tmp_path: Path, body: str) -> None:
    db = tmp_path / "store.db"
    ids = answered_cases(db, ["牛奶过期了", "鸡蛋是碎的", "面包发霉了"], "字")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(BODIES[body], (ids[0],))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(POLICY), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[0]]
    assert f"case {ids[0]} is damaged: {NOT_TEXT}" in result.damaged[0][1]
    assert result.comparison.cases == 2
