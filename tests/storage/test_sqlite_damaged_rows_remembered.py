"""A SQLite store remembers, for the rest of its life, the due rows its claims found on a
damaged page, so that each claim of a long-running ``tick --loop`` does not read the damage
again. It remembered them too well: a row repaired since (its page written back whole)
was still passed over and named by every later tick, never swept, and a tick at an
instant the row was not due by (an earlier ``now``, a clock set back) still named it left
due. A claim now reads the remembered rows it would reach again, forgets those that read,
and names only those due by its own instant, with the deadline each has been due since."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_sqlite_tick_past_damaged_page import (
    POLICY,
    TICKED_AT,
    damaged_copy,
    sound_store,
    still_due,
)

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.testing.storage_contract import make_complaint
from damaged_store import NOW

__all__ = ["sound_store"]  # the fixture, shared


def deadlines(path: Path, case_ids: list[str]) -> dict[str, datetime]:
    """The stored next deadline of each of ``case_ids``, read through the due index."""
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute(
            "SELECT rowid, next_deadline FROM cases INDEXED BY cases_due "
            "WHERE next_deadline IS NOT NULL"
        ).fetchall()
        named = dict(db.execute("SELECT rowid, id FROM cases ORDER BY id").fetchall())
    return {
        named[rowid]: datetime.fromtimestamp(due, UTC)
        for rowid, due in rows
        if named[rowid] in case_ids
    }


@pytest.mark.parametrize("leaf", [0, 9])
def test_a_row_repaired_while_the_store_is_open_is_swept_by_the_next_tick(
    sound_store: Path, tmp_path: Path, leaf: int
) -> None:
    whole = sound_store.read_bytes()
    path, lost = damaged_copy(sound_store, tmp_path, leaf)
    damaged = path.read_bytes()
    (page,) = [
        at for at in range(0, len(whole), 4096) if damaged[at : at + 4096] != whole[at : at + 4096]
    ]
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=ManualClock(TICKED_AT))
        first = desk.tick(TICKED_AT)
        assert sorted(case_id for case_id, _ in first.failed) == lost
        with path.open("r+b") as handle:  # the page written back as it was
            handle.seek(page)
            handle.write(whole[page : page + 4096])
        with SQLiteStorage(f"sqlite:///{path}") as other:  # another process writes after it
            Desk(storage=other, clock=ManualClock(TICKED_AT)).intake(make_complaint("k-late"))
        later = desk.tick(TICKED_AT + timedelta(minutes=1))
        assert later.failed == ()
        assert later.cases == len(lost)
    assert still_due(path) == []


def test_a_tick_at_an_instant_a_remembered_row_is_not_due_by_does_not_name_it(
    sound_store: Path, tmp_path: Path
) -> None:
    path, lost = damaged_copy(sound_store, tmp_path, 4)
    due = deadlines(path, lost)
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=ManualClock(TICKED_AT))
        named = dict(desk.tick(TICKED_AT).failed)
        assert sorted(named) == lost
        for case_id in lost:  # each named with the deadline it has been due since
            assert due[case_id].isoformat() in named[case_id], named[case_id]
        earliest = min(due.values())
        assert desk.tick(earliest - timedelta(seconds=1)).failed == ()  # none due by then
        at_first = dict(desk.tick(earliest).failed)
        assert sorted(at_first) == sorted(c for c in lost if due[c] == earliest)
        again = dict(desk.tick(TICKED_AT).failed)
        assert sorted(again) == lost
    assert earliest > NOW
