"""Report time and memory over many stored cases in SQLite, or in PostgreSQL.

    PYTHONPATH=src python benchmarks/report.py [--cases 1000000] [--db /tmp/report-bench.db]
    PYTHONPATH=src python benchmarks/report.py --postgres postgresql://postgres@127.0.0.1/test

With ``--postgres`` the cases are copied into the schema ``report_bench`` of that database
(kept between runs; the plugin's trigger fills the report facts) and the report is answered
by ``PostgresReportSource``: aggregates and percentiles in the database.

Builds the database once (direct executemany inserts of realistic case JSON; products and
issues from the CFPB sample when /work/shared/data/cfpb is present), then times
``build_report`` with SQL aggregates, and the generic ``Storage.find`` source on a slice
for comparison. Peak memory: Python heap (tracemalloc) and process RSS growth.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sqlite3
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from complaintkit.reports import Report, Scope, build_report, open_source
from complaintkit.reports.sqlite_source import SQLiteReportSource
from complaintkit.reports.storage_source import StorageReportSource
from complaintkit.storage.sqlite import SQLiteStorage
from complaintkit.storage.sqlite_facts import NEW_CASE_FACTS

CFPB = Path("/work/shared/data/cfpb/complaints_sample_6664.csv")
START = datetime(2025, 1, 1, tzinfo=UTC)
#: The generic source walks ``Storage.find`` once per question; beyond this it takes minutes.
GENERIC_LIMIT = 10_000


def vocabulary() -> tuple[list[str], list[str], list[str]]:
    """(products, issues, channels) weighted as in the CFPB sample."""
    if CFPB.exists():
        with CFPB.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        return (
            [r["Sub-product"] or r["Product"] for r in rows],
            [r["Issue"] for r in rows],
            [r["Submitted via"] for r in rows],
        )
    return (["SKU-1", "SKU-2", "SKU-3"], ["quality", "delivery", "price"], ["web", "phone"])


def case_body(i: int, rng: random.Random, vocab: tuple[list[str], list[str], list[str]]) -> dict:  # type: ignore[type-arg]
    products, issues, channels = vocab
    opened = START + timedelta(seconds=rng.randrange(365 * 86400))
    first = opened + timedelta(seconds=rng.randrange(300, 2 * 86400))
    resolved = (
        first + timedelta(seconds=rng.randrange(3600, 10 * 86400)) if rng.random() < 0.8 else None
    )
    closed = resolved is not None and rng.random() < 0.7
    sla_met = rng.random() < 0.9
    return {
        "id": f"CK-{i:012d}",
        "status": "closed" if closed else "resolved" if resolved else "investigating",
        "complaints": [
            {
                "channel": rng.choice(channels),
                "external_id": str(i),
                "received_at": opened.isoformat(),
                "customer": {"id": f"cust-{rng.randrange(200_000)}", "tier": "standard"},
                "subject": rng.choice(issues),
                "text": "The customer describes the problem in a few sentences. " * 3,
                "product": rng.choice(products),
            }
        ],
        "opened_at": opened.isoformat(),
        "updated_at": (resolved or first).isoformat(),
        "status_token": "x" * 22,
        "category": rng.choice(issues)[:40],
        "severity": rng.choice(["low", "normal", "normal", "high", "critical"]),
        "priority": "normal",
        "tags": [],
        "owner": f"agent-{rng.randrange(50)}",
        "first_response_at": first.isoformat(),
        "resolved_at": None if resolved is None else resolved.isoformat(),
        "satisfaction": {"score": rng.randint(1, 5), "comment": ""} if closed else None,
        "root_cause": {
            "fishbone": rng.choice(["process", "product", "people"]),
            "whys": ["why one", f"root {rng.randrange(20)}"],
            "nature": rng.choice(["systemic", "incidental"]),
            "impact": "",
        }
        if rng.random() < 0.3
        else None,
        "escalation_level": rng.choice([0, 0, 0, 0, 1, 1, 2]),
        "clocks": {"first_response": _first_response(opened, first, sla_met)},
        "compensation": [
            {
                "remedy": rng.choice(["refund", "voucher", "replacement"]),
                "amount": {"amount": f"{rng.choice([10, 20, 50, 99])}.00", "currency": "CNY"},
                "status": "approved",
            }
        ]
        if rng.random() < 0.15
        else [],
        "attributes": {},
        "version": 6,
        "last_hash": "0" * 64,
    }


def _first_response(opened: datetime, first: datetime, met: bool) -> dict[str, Any]:
    """A stopped first-response clock as the SLA engine stores it (``ClockState.to_json``),
    written out literally: building a ``ClockState`` per row would slow the generator."""
    at = first.isoformat()
    return {
        "state": "stopped",
        "target": "24h",
        "calendar": None,
        "business": False,
        "budget_us": 86_400_000_000,
        "started_at": opened.isoformat(),
        "resumed_at": at,
        "elapsed_us": (first - opened) // timedelta(microseconds=1),
        "paused_at": None,
        "pauses": [],
        "due_at": None,
        "thresholds": {},
        "warned": [],
        "breached_at": None if met else at,
        "met_at": at if met else None,
        "stopped_at": at,
        "outcome": "met" if met else "breached",
        "cycle": 1,
        "cycles": [],
    }


def flush(db: sqlite3.Connection, batch: list[tuple], events: list[tuple]) -> None:  # type: ignore[type-arg]
    db.executemany("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", events)
    batch.clear()
    events.clear()


def build(path: Path, n: int) -> None:
    SQLiteStorage(f"sqlite:///{path}?synchronous=off").close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA synchronous=OFF")
    rng, vocab = random.Random(7), vocabulary()
    started = time.perf_counter()
    db.execute("BEGIN")
    batch, events = [], []
    for i in range(n):
        body = case_body(i, rng, vocab)
        opened = datetime.fromisoformat(body["opened_at"]).timestamp()
        batch.append(
            (
                body["id"],
                6,
                body["status"],
                int(body["status"] != "closed"),
                body["complaints"][0]["customer"]["id"],
                body["owner"],
                body["category"],
                opened,
                None,
                json.dumps(body, separators=(",", ":")),
            )
        )
        event = {
            "case_id": body["id"],
            "seq": 1,
            "kind": "opened",
            "at": body["opened_at"],
            "actor": "system",
            "reason": "",
            "data": {},
            "prev_hash": "0" * 64,
            "hash": "",
        }
        events.append((body["id"], 1, "opened", body["opened_at"], json.dumps(event)))
        if len(batch) == 20_000:
            flush(db, batch, events)
    flush(db, batch, events)
    for statement in NEW_CASE_FACTS:  # what SQLiteStorage derives when it inserts cases
        db.execute(statement, (0,))
    db.execute("COMMIT")
    db.close()
    print(
        f"built {n:,} cases in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e9:.2f} GB)"
    )


def build_postgres(url: str, n: int) -> None:
    """COPY ``n`` generated cases into ``url``'s schema, unless it already holds them."""
    from complaintkit_postgres import PostgresStorage  # noqa: PLC0415 -- optional plugin

    storage = PostgresStorage(url)
    with storage._connection() as conn:
        (stored,) = conn.execute("SELECT count(*) FROM cases").fetchone() or (0,)
        if stored >= n:
            storage.close()
            return
        conn.execute("TRUNCATE cases, events, intake_keys, case_facts, case_sla, case_remedies")
        rng, vocab = random.Random(7), vocabulary()
        started = time.perf_counter()
        with conn.transaction(), conn.cursor() as cursor:
            columns = "id, version, status, is_open, customer_id, owner, category, opened_at, body"
            with cursor.copy(f"COPY cases ({columns}) FROM STDIN") as copy:
                for i in range(n):
                    body = case_body(i, rng, vocab)
                    copy.write_row(
                        (
                            body["id"],
                            6,
                            body["status"],
                            body["status"] != "closed",
                            body["complaints"][0]["customer"]["id"],
                            body["owner"],
                            body["category"],
                            body["opened_at"],
                            json.dumps(body, separators=(",", ":")),
                        )
                    )
        conn.execute("ANALYZE")
        print(f"built {n:,} cases in PostgreSQL in {time.perf_counter() - started:.1f} s")
    storage.close()


def measure(label: str, run: Callable[[], Report]) -> None:
    """Time one run untraced, then repeat it under tracemalloc for the Python heap peak."""
    started = time.perf_counter()
    report = run()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"{label:<40} {elapsed:7.2f} s  python heap peak {peak / 1e6:6.1f} MB  "
        f"process max RSS {rss / 1e3:5.0f} MB  cases {report.total:,}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/complaintkit-report-bench.db"))
    parser.add_argument("--slice", type=int, default=2_000, help="cases for the generic source")
    parser.add_argument("--postgres", metavar="URL", help="benchmark PostgreSQL at URL instead")
    args = parser.parse_args()
    if args.postgres:
        postgres(args.postgres, args.cases)
        return
    if not args.db.exists():
        build(args.db, args.cases)
    storage = SQLiteStorage(f"sqlite:///{args.db}")
    source = SQLiteReportSource(storage)
    (total,) = storage.execute("SELECT count(*) FROM cases")[0]
    print(f"{total:,} stored cases")
    measure("SQL aggregates, whole year", lambda: build_report(source))
    month = Scope(since=START + timedelta(days=180), until=START + timedelta(days=210))
    measure("SQL aggregates, one month", lambda: build_report(source, month))
    (cut,) = storage.execute(
        "SELECT received_at FROM case_facts ORDER BY received_at LIMIT 1 OFFSET ?", (args.slice,)
    )[0]
    first = Scope(until=datetime.fromtimestamp(cut, UTC))
    measure(f"SQL aggregates, first {args.slice:,}", lambda: build_report(source, first))
    if total <= GENERIC_LIMIT:
        generic = StorageReportSource(storage)
        measure(f"Storage.find source, first {args.slice:,}", lambda: build_report(generic, first))
    else:
        print(
            f"Storage.find source skipped: it reads every case per question (> {GENERIC_LIMIT:,})"
        )
    source.close()
    storage.close()


def postgres(server: str, n: int) -> None:
    from complaintkit_postgres import PostgresStorage  # noqa: PLC0415 -- optional plugin

    url = f"{server}{'&' if '?' in server else '?'}schema=report_bench"
    build_postgres(url, n)
    storage = PostgresStorage(url)
    source = open_source(storage)
    print(f"{source.total(Scope()):,} stored cases in PostgreSQL ({type(source).__name__})")
    measure("PostgreSQL SQL, whole year", lambda: build_report(source))
    month = Scope(since=START + timedelta(days=180), until=START + timedelta(days=210))
    measure("PostgreSQL SQL, one month", lambda: build_report(source, month))
    storage.close()


if __name__ == "__main__":
    main()
