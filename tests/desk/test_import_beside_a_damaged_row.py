"""An imported complaint (one with a recorded ``history``) of a customer one of whose case
rows was damaged by hand: its ``open_cases`` read every case row of the customer's and
the import was refused with that row's damage, naming a case not its own. The damaged row
is read from its events: the import is taken in and counts that case as it stood."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import DamagedRecord
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage

#: Tags a customer's complaint ``again`` while another case of theirs is open.
POLICY = Path(__file__).parents[1] / "fixtures" / "customer_history.yaml"
START = datetime(2026, 10, 1, 2, tzinfo=UTC)

DAMAGE = {
    "body not JSON": "UPDATE cases SET body = '{oops' WHERE id = ?",
    "status unknown": "UPDATE cases SET body = json_set(body, '$.status', '丢失') WHERE id = ?",
    "body a blob": "UPDATE cases SET body = X'FFFE7B7D' WHERE id = ?",
}


def _damaged_store(db: Path, damage: str) -> str:
    """A store holding one open case of customer X, its row damaged by ``damage``."""
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=ManualClock(START))
        case = desk.intake(
            {
                "channel": "web",
                "external_id": "first",
                "received_at": START.isoformat(),
                "customer": {"id": "X"},
                "text": "parcel is late",
            }
        )
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(damage, (case.id,))
    return case.id


def _import(db: Path) -> tuple[str, ...]:
    now = START + timedelta(days=1)
    with SQLiteStorage(f"sqlite:///{db}") as storage:
        desk = Desk(load_policy(POLICY), storage=storage, clock=ManualClock(now))
        return desk.intake(
            {
                "channel": "old",
                "external_id": "17",
                "received_at": (now - timedelta(hours=2)).isoformat(),
                "customer": {"id": "X"},
                "text": "parcel is late",
                "history": {"status": "closed", "closed_at": now.isoformat()},
            }
        ).tags


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_an_import_reads_a_damaged_row_of_its_customer_from_its_events(
    tmp_path: Path, damage: str
) -> None:
    db = tmp_path / "store.db"
    _damaged_store(db, DAMAGE[damage])
    assert _import(db) == ("again",)


def test_an_import_names_a_case_of_its_customer_read_from_neither_row_nor_events(
    tmp_path: Path,
) -> None:
    db = tmp_path / "store.db"
    case_id = _damaged_store(db, DAMAGE["body not JSON"])
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE events SET body = '{' WHERE case_id = ? AND seq = 1", (case_id,))
    with pytest.raises(DamagedRecord, match=f"customer 'X'.s case {case_id}, which cannot be read"):
        _import(db)
