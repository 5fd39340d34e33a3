"""A stored report row is written by setting only the columns that change: ``case_facts``
has a dozen indexes, and SQLite rewrites an index entry for every column a write sets."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _row(path: Path, case_id: str) -> dict[str, object]:
    with sqlite3.connect(path) as db:
        cursor = db.execute("SELECT * FROM case_facts WHERE id = ?", (case_id,))
        return dict(zip([c[0] for c in cursor.description], cursor.fetchone(), strict=True))


def test_a_changed_fact_row_sets_only_the_columns_that_differ(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    clock = ManualClock(T0)
    desk = Desk(load_policy(SHOP), storage=f"sqlite:///{path}", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "n",
            "received_at": T0.isoformat(),
            "customer": {"id": "c"},
            "text": "parcel late",
        }
    )
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE set_columns (name TEXT)")
        for name in _row(path, case.id):
            db.execute(
                f"CREATE TRIGGER set_{name} AFTER UPDATE OF {name} ON case_facts "
                f"BEGIN INSERT INTO set_columns VALUES ('{name}'); END"
            )
    before = _row(path, case.id)
    clock.set(datetime(2026, 11, 23, 3, 0, tzinfo=UTC))
    desk.respond(case.id, "您好,包裹已在路上", actor="li.na")  # its first response
    after = _row(path, case.id)
    with sqlite3.connect(path) as db:
        written = sorted(name for (name,) in db.execute("SELECT name FROM set_columns"))
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed  # the response changed the row
    assert written == changed
