"""Any one byte of a stored event changed is found: ``audit verify`` exits 1 naming the
case and the event, whatever the byte (a digit of a hash, a letter of a key, a quote, part
of a character of Chinese or an emoji), or the body no longer reads as JSON at all."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tampering import audit, fill

from complaintkit.desk import Desk

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Three cases, one with a note in Chinese and an emoji."""
    path = tmp_path_factory.mktemp("bytes") / "cases.db"
    ids = fill(f"sqlite:///{path}")
    desk = Desk(storage=f"sqlite:///{path}")
    try:
        desk.note(ids[1], "顾客回电 😀 called back", actor="li.na")
    finally:
        desk.storage.close()
    return path, ids


@SETTINGS
@given(which=st.integers(min_value=0), where=st.integers(min_value=0), byte=st.integers(0, 255))
def test_one_byte_of_an_event_changed_is_found(
    pristine: tuple[Path, list[str]],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    which: int,
    where: int,
    byte: int,
) -> None:
    for name in ("COMPLAINTKIT_AUDIT_KEY", "COMPLAINTKIT_AUDIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    copy = tmp_path_factory.mktemp("changed") / "cases.db"
    copy.write_bytes(pristine[0].read_bytes())
    with closing(sqlite3.connect(copy, isolation_level=None)) as db:
        rows = db.execute("SELECT case_id, seq, CAST(body AS BLOB) FROM events").fetchall()
        case_id, seq, body = rows[which % len(rows)]
        where %= len(body)
        if body[where] == byte:
            return  # not a change
        changed = body[:where] + bytes([byte]) + body[where + 1 :]
        db.execute(
            "UPDATE events SET body = CAST(? AS TEXT) WHERE case_id = ? AND seq = ?",
            (changed, case_id, seq),
        )
    code, broken = audit(f"sqlite:///{copy}")
    assert code == 1, (body[max(0, where - 30) : where + 30], bytes([byte]))
    assert (case_id, seq) in {(b["case_id"], b["seq"]) for b in broken}
