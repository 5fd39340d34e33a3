"""A SQLite store keeps the pages it read in memory for as long as no other connection
commits, so a damaged page written back whole while the store was open (restored from a
copy, mended by hand) was not seen: a tick kept naming its cases left due, and every read
of them kept failing, until some other writer happened to commit. The next claim that
reads a remembered damaged row, and the next read after one failed on the damage, now
read the file itself, so the repair is seen at once."""

from __future__ import annotations

from datetime import timedelta
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
from complaintkit.errors import DamagedStore
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage

__all__ = ["sound_store"]  # the fixture, shared


def _damaged_page(whole: bytes, damaged: bytes) -> int:
    """The offset of the one page ``damaged`` differs from ``whole`` at."""
    (page,) = [
        at for at in range(0, len(whole), 4096) if damaged[at : at + 4096] != whole[at : at + 4096]
    ]
    return page


def _repair(path: Path, whole: bytes, page: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(page)
        handle.write(whole[page : page + 4096])


@pytest.mark.parametrize("leaf", [0, 5])
def test_a_row_repaired_with_no_other_writer_is_swept_by_the_next_tick(
    sound_store: Path, tmp_path: Path, leaf: int
) -> None:
    whole = sound_store.read_bytes()
    path, lost = damaged_copy(sound_store, tmp_path, leaf)
    page = _damaged_page(whole, path.read_bytes())
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=ManualClock(TICKED_AT))
        assert sorted(case_id for case_id, _ in desk.tick(TICKED_AT).failed) == lost
        _repair(path, whole, page)
        later = desk.tick(TICKED_AT + timedelta(minutes=1))
        assert later.failed == ()
        assert later.cases == len(lost)
    assert still_due(path) == []


def test_a_case_repaired_with_no_other_writer_reads_at_once(
    sound_store: Path, tmp_path: Path
) -> None:
    whole = sound_store.read_bytes()
    path, lost = damaged_copy(sound_store, tmp_path, 3)
    page = _damaged_page(whole, path.read_bytes())
    with SQLiteStorage(f"sqlite:///{path}") as storage:
        with pytest.raises(DamagedStore):
            storage.get(lost[0])
        _repair(path, whole, page)
        assert storage.get(lost[0]).id == lost[0]
