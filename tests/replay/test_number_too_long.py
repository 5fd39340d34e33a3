"""``replay`` and ``audit verify`` over a row edited to hold an integer of thousands of
digits: the record was named, but with Python's own advice, "Exceeds the limit (4300
digits) for integer string conversion …; use sys.set_int_max_str_digits() to increase the
limit", a setting of the interpreter no user should change to read a damaged row. It is
named by the number's length, and the other cases are compared."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from answered_cases import POLICY, answered_cases
from click.testing import CliRunner

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy
from complaintkit.replay import replay_store
from complaintkit.storage.sqlite import SQLiteStorage

DIGITS = sys.get_int_max_str_digits() + 700
NUMBER = "9" * DIGITS
EDITS = {
    "case row": f"UPDATE cases SET body = json_set(body, '$.version', json('{NUMBER}')) WHERE id = ?",
    "event": (
        f"UPDATE events SET body = json_set(body, '$.data.n', json('-{NUMBER}')) "
        "WHERE case_id = ? AND seq = 2"
    ),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_an_integer_too_long_to_read_is_named_by_its_length(tmp_path: Path, edit: str) -> None:
    db = tmp_path / "store.db"
    ids = answered_cases(db, ["牛奶过期了", "鸡蛋是碎的"], "长")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(EDITS[edit], (ids[0],))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(POLICY), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[0]]
    said = f"a number of {DIGITS} digits, too long to read"
    assert said in result.damaged[0][1]
    assert "sys." not in result.damaged[0][1]
    assert result.comparison.cases == 1
    audit = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{db}", "audit", "verify"])
    assert audit.exit_code == 1
    assert said in audit.output
    assert "sys." not in audit.output


#: Numbers of thousands of digits Python reads (a float, an integer under its limit),
#: edited where a finding shows the value read.
READ_EDITS = {
    "float in a case row": (
        f"UPDATE cases SET body = json_set(body, '$.status', json('{NUMBER[:4000]}.5')) "
        "WHERE id = ?"
    ),
    "seq in an event": (
        f"UPDATE events SET body = json_set(body, '$.seq', json('{NUMBER[:4000]}')) "
        "WHERE case_id = ? AND seq = 2"
    ),
}


@pytest.mark.parametrize("edit", [*EDITS.values(), *READ_EDITS.values()], ids=[*EDITS, *READ_EDITS])
def test_a_number_of_thousands_of_digits_is_never_shown_whole(tmp_path: Path, edit: str) -> None:
    db = tmp_path / "store.db"
    ids = answered_cases(db, ["牛奶过期了", "鸡蛋是碎的"], "长")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(edit, (ids[0],))
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        result = replay_store(storage, load_policy(POLICY), Plugins())
    assert [case_id for case_id, _ in result.damaged] == [ids[0]]
    assert "9" * 100 not in result.damaged[0][1]
    assert result.comparison.cases == 1
    audit = CliRunner().invoke(build_cli(), ["--db", f"sqlite:///{db}", "audit", "verify"])
    assert audit.exit_code == 1
    assert ids[0] in audit.output
    assert "9" * 100 not in audit.output
