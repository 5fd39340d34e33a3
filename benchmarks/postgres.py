"""PostgreSQL storage throughput: intake/s, and the real tick with 1 and 4 worker processes.

    PYTHONPATH=src:plugins/complaintkit-postgres/src python benchmarks/postgres.py \\
        [--cases 5000] [--url postgresql://postgres@127.0.0.1:5432/test]

Intake goes through ``Desk.intake`` (SLA clocks started, first deadline scheduled), SQLite
alongside for comparison. The cases arrive over two hours; a three-level escalation ladder
(50%, 100%, 150% of a 1h resolution target) makes each one due three times. The tick is
``Desk.tick`` — the SLA engine firing one breach and three escalations per case, claimed
with ``FOR UPDATE SKIP LOCKED`` and saved a batch at a time — in 1 or 4 processes on a copy
of the same cases; the clock starts once every worker is connected. Each run uses throw-away
schemas; ``synchronous_commit`` is left as the server has it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import secrets
import tempfile
import time
from datetime import UTC, datetime, timedelta
from multiprocessing.synchronize import Barrier
from pathlib import Path

import attrs
import psycopg
from complaintkit_postgres import PostgresStorage
from psycopg import sql

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.policy.assessment import EmptyPolicy
from complaintkit.sla.policy import SlaPolicy, compile_sections
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
END = T0 + timedelta(days=1)
LADDER = {
    "sla": {"warnings": [], "targets": [{"resolution": "1h"}]},
    "escalation": {
        "ladders": [
            {
                "name": "ladder",
                "levels": [
                    {
                        "name": name,
                        "trigger": {"sla": "resolution", "elapsed": elapsed},
                        "actions": [],
                    }
                    for name, elapsed in (("half", 0.5), ("due", 1.0), ("late", 1.5))
                ],
            }
        ]
    },
}
TABLES = ("cases", "intake_keys", "events")


@attrs.frozen
class LadderPolicy(EmptyPolicy):
    sla: SlaPolicy | None = None


def desk(storage: Storage, clock: ManualClock) -> Desk:
    return Desk(LadderPolicy(sla=compile_sections(LADDER)), storage=storage, clock=clock)


def intake_rate(storage: Storage, cases: int) -> float:
    clock = ManualClock(T0)
    front = desk(storage, clock)
    started = time.perf_counter()
    for n in range(cases):
        clock.set(T0 + timedelta(seconds=n % 7200))
        front.intake(
            {
                "channel": "web",
                "external_id": f"bench-{n}",
                "received_at": clock.now().isoformat(),
                "customer": {"id": f"C{n % 500}"},
                "text": "快递三天没到 / parcel is late",
            }
        )
    return cases / (time.perf_counter() - started)


def worker(url: str, start: Barrier, escalations: multiprocessing.SimpleQueue[int]) -> None:
    with PostgresStorage(url) as storage:
        sweeper = desk(storage, ManualClock(END))
        start.wait()
        escalations.put(sweeper.tick(END, batch=500).escalations)


def tick_rate(url: str, workers: int, cases: int) -> tuple[float, int]:
    """(cases/s, escalations fired) for ``workers`` processes ticking every case."""
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(workers + 1)
    fired: multiprocessing.SimpleQueue[int] = context.SimpleQueue()
    processes = [context.Process(target=worker, args=(url, start, fired)) for _ in range(workers)]
    for p in processes:
        p.start()
    start.wait()
    started = time.perf_counter()
    for p in processes:
        p.join()
    elapsed = time.perf_counter() - started
    return cases / elapsed, sum(fired.get() for _ in processes)


def copy_schema(server: str, source: str, target: str) -> None:
    with PostgresStorage(f"{server}?schema={target}"):  # create and migrate
        pass
    with psycopg.connect(server, autocommit=True) as conn:
        for table in TABLES:
            conn.execute(
                sql.SQL("INSERT INTO {} SELECT * FROM {}").format(
                    sql.Identifier(target, table), sql.Identifier(source, table)
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        SQLiteStorage(f"sqlite:///{Path(folder) / 'b.db'}?synchronous=normal") as lite,
    ):
        rate = intake_rate(lite, args.cases)
        print(f"SQLite (synchronous=normal) intake: {rate:8.0f} cases/s")
    schemas = [f"ck_bench_{secrets.token_hex(4)}" for _ in range(2)]
    try:
        with PostgresStorage(f"{args.url}?schema={schemas[0]}&pool_max=2") as storage:
            rate = intake_rate(storage, args.cases)
            print(f"PostgreSQL intake:                  {rate:8.0f} cases/s")
        copy_schema(args.url, schemas[0], schemas[1])
        for workers, schema in zip((1, 4), schemas, strict=True):
            rate, fired = tick_rate(f"{args.url}?schema={schema}&pool_max=2", workers, args.cases)
            assert fired == 3 * args.cases, f"{fired} escalations for {args.cases} cases"
            print(
                f"PostgreSQL tick, {workers} worker(s):         {rate:8.0f} cases/s "
                f"({rate * 3:.0f} escalations/s)"
            )
    finally:
        with psycopg.connect(args.url, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(
                    sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema))
                )


if __name__ == "__main__":
    main()
