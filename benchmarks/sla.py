"""One tick over 1,000,000 open cases in SQLite with 1% due.

Builds the database once (cases inserted directly with ``executemany``; a real case body
made by ``Desk.intake`` is cloned with new ids), then measures:

* finding the 10,000 due cases through the partial ``next_deadline`` index versus a scan
  of the table that ignores it (``NOT INDEXED``);
* one ``Desk.tick`` processing those 10,000 cases end to end — warnings, breaches and
  escalations fired, events chained and saved, next deadlines rescheduled (target < 2 s).

    PYTHONPATH=src python benchmarks/sla.py [--cases 1000000] [--db /tmp/sla-bench.db]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.sla.policy import SlaPolicy, compile_sections
from complaintkit.storage.sqlite import SQLiteStorage, _dumps

START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
POLICY = {
    "sla": {
        "warnings": [0.5, 0.8],
        "targets": [{"first_response": "24h", "resolution": "72h"}],
    },
    "escalation": {
        "ladders": [
            {
                "name": "standard",
                "levels": [
                    {
                        "name": "lead",
                        "trigger": {"sla": "first_response", "elapsed": 1.0},
                        "actions": [{"notify": {"role": "team_lead", "template": "breach"}}],
                    }
                ],
            }
        ]
    },
}


@attrs.frozen
class BenchPolicy(EmptyPolicy):
    sla: SlaPolicy | None = None


def template() -> Case:
    desk = Desk(BenchPolicy(sla=compile_sections(POLICY)), clock=ManualClock(START))
    return desk.intake(
        {
            "channel": "email",
            "external_id": "template",
            "received_at": START.isoformat(),
            "customer": {"id": "c", "name": "王女士"},
            "text": "收到的商品有破损,请尽快处理",
        }
    )


def build(path: Path, cases: int, due_share: float) -> None:
    case = template()
    clocks = json.loads(json.dumps(case.clocks))
    assert case.next_deadline is not None
    SQLiteStorage(f"sqlite:///{path}").close()  # creates the schema
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-500000")
    db.execute("BEGIN")
    due_every = round(1 / due_share)
    rows: list[tuple[Any, ...]] = []
    for n in range(cases):
        # 1% of cases were opened 30 hours before the tick (their first response is
        # overdue); the rest an hour before (their next deadline is still ahead)
        shift = timedelta(0) if n % due_every == 0 else timedelta(hours=29)
        body = case.to_json()
        body["id"] = f"CK-BENCH{n:09d}"
        body["clocks"] = {}
        for metric, original in clocks.items():
            state = dict(original)
            for key in ("started_at", "resumed_at", "due_at"):
                state[key] = (datetime.fromisoformat(state[key]) + shift).isoformat()
            body["clocks"][metric] = state
        deadline = case.next_deadline + shift
        body["next_deadline"] = deadline.isoformat()
        body["opened_at"] = (case.opened_at + shift).isoformat()
        rows.append(
            (
                case.version,
                body["status"],
                1,
                f"customer-{n % 50_000}",
                body["owner"],
                body["category"],
                (case.opened_at + shift).timestamp(),
                deadline.timestamp(),
                _dumps(body),
                body["id"],
            )
        )
        if len(rows) == 50_000:
            insert(db, rows)
            rows = []
    insert(db, rows)
    db.execute("COMMIT")
    db.close()


def insert(db: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    db.executemany(
        "INSERT INTO cases (version, status, is_open, customer_id, owner, category, opened_at, "
        "next_deadline, body, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def due_query(path: Path, now: datetime) -> tuple[float, float, int]:
    db = sqlite3.connect(path)
    cutoff = now.timestamp()
    timings = []
    for sql in (
        "SELECT id FROM cases WHERE next_deadline IS NOT NULL AND next_deadline <= ? "
        "ORDER BY next_deadline, id",
        "SELECT id FROM cases NOT INDEXED WHERE next_deadline <= ? ORDER BY next_deadline, id",
    ):
        db.execute(sql, (cutoff,)).fetchall()  # warm the page cache
        began = time.perf_counter()
        found = len(db.execute(sql, (cutoff,)).fetchall())
        timings.append(time.perf_counter() - began)
    db.close()
    return timings[0], timings[1], found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--due", type=float, default=0.01)
    parser.add_argument("--db", type=Path, default=Path("/tmp/complaintkit-sla-bench.db"))
    parser.add_argument("--keep", action="store_true", help="Reuse an existing database.")
    args = parser.parse_args()
    now = START + timedelta(hours=30)
    if not (args.keep and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        began = time.perf_counter()
        build(args.db, args.cases, args.due)
        print(f"built {args.cases:,} open cases in {time.perf_counter() - began:.1f} s")
    indexed, scanned, found = due_query(args.db, now)
    print(f"due query: {found:,} due of {args.cases:,}")
    print(f"  indexed (cases_due partial index): {indexed * 1000:8.1f} ms")
    print(f"  table scan (NOT INDEXED):          {scanned * 1000:8.1f} ms")
    storage = SQLiteStorage(f"sqlite:///{args.db}?synchronous=normal")
    desk = Desk(BenchPolicy(sla=compile_sections(POLICY)), storage=storage, clock=ManualClock(now))
    began, cpu = time.perf_counter(), time.process_time()
    report = desk.tick(now, batch=1000)
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(
        f"tick: {report.cases:,} cases, {report.events:,} events "
        f"({report.breaches:,} breaches, {report.warnings:,} warnings, "
        f"{report.escalations:,} escalations) in {elapsed:.2f} s wall, {cpu:.2f} s CPU "
        f"= {report.cases / elapsed:,.0f} cases/s, {cpu / report.cases * 1e6:,.0f} us CPU "
        "per case (target: 10,000 in < 2 s)"
    )
    again = time.perf_counter()
    second = desk.tick(now, batch=1000)
    print(
        f"second tick at the same instant: {second.events} events in {time.perf_counter() - again:.3f} s"
    )
    storage.close()
    print(
        json.dumps(
            {
                "indexed_ms": indexed * 1000,
                "scan_ms": scanned * 1000,
                "tick_s": elapsed,
                "tick_cpu_s": cpu,
            }
        )
    )


if __name__ == "__main__":
    main()
