"""Report rows edited in SQLite: reports would lie about a case whose history verifies, so
``audit verify`` names each row that differs from what the case's history gives.

(PostgreSQL's, which a trigger derives: tests/reports/test_report_rows_audit.py.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tampering import audit, fill

from complaintkit.desk import Desk


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("reports") / "cases.db"
    ids = fill(f"sqlite:///{path}")
    desk = Desk(storage=f"sqlite:///{path}")
    try:
        desk.reopen(ids[2], actor="li.na", reason="still broken")
    finally:
        desk.storage.close()
    assert audit(f"sqlite:///{path}") == (0, [])
    return path, ids


@pytest.fixture
def store(pristine: tuple[Path, list[str]], tmp_path: Path) -> Iterator[tuple[str, Any]]:
    copy = tmp_path / "cases.db"
    copy.write_bytes(pristine[0].read_bytes())
    with closing(sqlite3.connect(copy, isolation_level=None)) as db:
        yield f"sqlite:///{copy}", db


@pytest.mark.parametrize(
    ("sql", "says"),
    [
        ("UPDATE case_facts SET status = 'closed' WHERE id = ?", "status says 'closed'"),
        ("UPDATE case_facts SET resolution_secs = 1 WHERE id = ?", "resolution_secs says 1"),
        ("UPDATE case_facts SET satisfaction = 5 WHERE id = ?", "satisfaction says 5"),
        ("UPDATE case_facts SET reopened = 2 WHERE id = ?", "reopened says 2"),
        ("DELETE FROM case_facts WHERE id = ?", "case_facts row is missing"),
        (
            "INSERT INTO case_sla (case_id, metric, met, breached) VALUES (?, 'resolve', 1, 0)",
            "case_sla row 'resolve' has no counterpart",
        ),
        (
            "INSERT INTO case_remedies (case_id, seq, remedy, currency, amount, status) "
            "VALUES (?, 0, 'refund', 'CNY', '500.00', 'accepted')",
            "case_remedies row 0 has no counterpart",
        ),
        ("UPDATE case_facts SET id = 'CK-PHANTOM' WHERE id = ?", "case_facts row is missing"),
    ],
)
def test_an_edited_report_row_is_named(
    pristine: tuple[Path, list[str]], store: tuple[str, Any], sql: str, says: str
) -> None:
    url, db = store
    case_id = pristine[1][1]
    db.execute(sql, (case_id,))
    code, broken = audit(url)
    assert code == 1
    assert {b["code"] for b in broken} == {"report"}
    assert [b["problem"] for b in broken if b["case_id"] == case_id] == [
        next(b["problem"] for b in broken if says in b["problem"])
    ]


def test_reopenings_are_counted_from_the_events(
    pristine: tuple[Path, list[str]], store: tuple[str, Any]
) -> None:
    url, db = store
    db.execute("UPDATE case_facts SET reopened = 0 WHERE id = ?", (pristine[1][2],))
    code, broken = audit(url)
    assert code == 1
    assert "its events reopen it 1 times" in broken[0]["problem"]


SQL_VALUES = st.none() | st.text(max_size=8) | st.integers(-5, 10**12) | st.floats(-1e12, 1e12)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data(), SQL_VALUES)
def test_any_edited_report_value_is_found(
    pristine: tuple[Path, list[str]],
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
    value: Any,
) -> None:
    copy = tmp_path_factory.mktemp("any") / "cases.db"
    copy.write_bytes(pristine[0].read_bytes())
    with closing(sqlite3.connect(copy, isolation_level=None)) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(case_facts)")][1:]  # not id
        column = data.draw(st.sampled_from(columns))
        case_id = data.draw(st.sampled_from(pristine[1]))
        (before,) = db.execute(
            f"SELECT {column} FROM case_facts WHERE id = ?", (case_id,)
        ).fetchone()
        try:
            db.execute(f"UPDATE case_facts SET {column} = ? WHERE id = ?", (value, case_id))
        except sqlite3.Error:
            return  # the schema refuses it
        (after,) = db.execute(
            f"SELECT {column} FROM case_facts WHERE id = ?", (case_id,)
        ).fetchone()
    code, broken = audit(f"sqlite:///{copy}")
    numbers = all(type(v) in (int, float) for v in (before, after))
    if (before, type(before)) == (after, type(after)) or (numbers and abs(before - after) < 0.0015):
        assert (code, broken) == (0, [])
    else:
        assert code == 1
        assert broken != []
        assert all(b["code"] == "report" for b in broken)


def test_report_rows_of_a_case_not_stored_are_named(store: tuple[str, Any]) -> None:
    """Reports count a case_facts row as a case: one with no case row is a phantom."""
    url, db = store
    db.execute(
        "INSERT INTO case_facts (id, opened_at, status, escalation_level) "
        "VALUES ('CK-PHANTOM', 1, 'closed', 0)"
    )
    db.execute("INSERT INTO case_sla VALUES ('CK-PHANTOM', 'resolve', 0, 1, NULL, 0)")
    code, broken = audit(url)
    assert code == 1
    assert {(b["code"], b["case_id"]) for b in broken} == {("report", "CK-PHANTOM")}
    assert len(broken) == 2
