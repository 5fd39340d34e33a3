"""The report rows SQLite's triggers keep: updates rewrite only what they change, and what
they leave is what writing the case afresh would give."""

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_facts import NEW_CASE_FACTS

SHOP = Path(__file__).resolve().parents[2] / "policies" / "ecommerce" / "online-shop.yaml"
T0 = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
REPORT_TABLES = {
    "case_facts": "SELECT * FROM case_facts ORDER BY id",
    "case_sla": "SELECT * FROM case_sla ORDER BY case_id, metric",
    "case_remedies": "SELECT * FROM case_remedies ORDER BY case_id, seq",
}


def report_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as db:
        return {table: db.execute(sql).fetchall() for table, sql in REPORT_TABLES.items()}


def rewritten(path: Path, tmp_path: Path) -> Path:
    """The same cases inserted into a fresh store, their rows derived as intake derives them."""
    fresh = tmp_path / "fresh.db"
    SQLiteStorage(f"sqlite:///{fresh}").close()
    with sqlite3.connect(fresh) as db:
        db.execute("ATTACH DATABASE ? AS old", (str(path),))
        db.execute("INSERT INTO cases SELECT * FROM old.cases")
        for statement in NEW_CASE_FACTS:
            db.execute(statement, (0,))
        db.execute(
            "UPDATE case_facts SET reopened = "
            "(SELECT reopened FROM old.case_facts o WHERE o.id = case_facts.id)"
        )
    return fresh


def test_rows_after_a_case_history_match_the_case_written_afresh(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    clock = ManualClock(T0)
    desk = Desk(load_policy(SHOP), storage=f"sqlite:///{path}", clock=clock)
    fraud = desk.intake(
        {
            "channel": "app",
            "external_id": "fraud",
            "received_at": T0.isoformat(),
            "customer": {"id": "c1"},
            "text": "收到的是假货,要求退一赔三",
            "product": "earbuds",
            "amount": {"amount": "300", "currency": "CNY"},
        }
    )
    quiet = desk.intake(
        {
            "channel": "web",
            "external_id": "quiet",
            "received_at": T0.isoformat(),
            "customer": {"id": "c2"},
            "text": "优惠券用不了",
        }
    )
    before = report_rows(path)
    clock.advance(timedelta(days=5))
    assert desk.tick().escalations  # levels fire: tags, owner and level change, breaches
    after_tick = report_rows(path)
    assert after_tick != before
    desk.respond(quiet.id, "您好,已为您补发优惠券", actor="lin.kefu")
    case = desk.propose_compensation(fraud.id, actor="han.fawu")
    desk.approve_compensation(fraud.id, case.compensation[-1]["id"], role="supervisor", actor="z")
    desk.offer_compensation(fraud.id, case.compensation[-1]["id"], actor="han.fawu")
    desk.resolve(quiet.id, "补发优惠券", actor="lin.kefu")
    desk.follow_up(quiet.id, 4, actor="lin.kefu")
    rows = report_rows(path)
    assert rows["case_remedies"]
    assert rows == report_rows(rewritten(path, tmp_path))


def test_an_update_that_changes_no_fact_leaves_the_fact_row_alone(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    desk = Desk(storage=f"sqlite:///{path}", clock=ManualClock(T0))
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
        db.execute("UPDATE case_facts SET product = 'marker' WHERE id = ?", (case.id,))
    desk.note(case.id, "called the carrier", actor="li.na")
    with sqlite3.connect(path) as db:
        (product,) = db.execute(
            "SELECT product FROM case_facts WHERE id = ?", (case.id,)
        ).fetchone()
    assert product == "marker"  # the note changed no fact, so the row was not rewritten
