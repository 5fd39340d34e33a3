"""PostgreSQL storage throughput: intake/s, and tick throughput with 1 and 4 worker processes.

    python benchmarks/postgres.py [--cases 2000] [--url postgresql://postgres@127.0.0.1:5432/test]

Intake goes through ``Desk.intake`` (the real path), SQLite alongside for comparison. A tick
claims due cases (``FOR UPDATE SKIP LOCKED``, 100 per block) and saves one ``fields_set``
event per case clearing ``next_deadline`` — the claim → save path of the SLA sweep.
Each run uses a throw-away schema; ``synchronous_commit`` is left as the server has it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import secrets
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
from complaintkit_postgres import PostgresStorage
from psycopg import sql

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.model.history import apply
from complaintkit.storage.base import Storage
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def complaint(n: int) -> dict[str, object]:
    return {
        "channel": "web",
        "external_id": f"bench-{n}",
        "received_at": T0.isoformat(),
        "customer": {"id": f"C{n % 500}"},
        "text": "快递三天没到 / parcel is late",
    }


def intake_rate(storage: Storage, cases: int) -> float:
    desk = Desk(storage=storage, clock=ManualClock(T0))
    started = time.perf_counter()
    for n in range(cases):
        desk.intake(complaint(n))
    return cases / (time.perf_counter() - started)


def make_due(storage: Storage) -> None:
    """Give every case a deadline in the past, so the sweep has all of them to do."""
    for case_id in storage.case_ids():
        case = storage.get(case_id)
        storage.save(case, [fold(case, T0)])


def fold(case: Case, deadline: datetime | None) -> CaseEvent:
    event = CaseEvent.chained(
        case_id=case.id,
        seq=case.version + 1,
        kind="fields_set",
        at=T0,
        actor="bench",
        reason="",
        data={"fields": {"next_deadline": None if deadline is None else deadline.isoformat()}},
        prev_hash=case.last_hash,
    )
    apply(case, event)
    return event


def worker(url: str) -> None:
    with PostgresStorage(url) as storage:
        while True:
            with storage.claim_due(T0 + timedelta(days=1), 100) as due:
                if not due:
                    return
                for case in due:
                    storage.save(case, [fold(case, None)])


def tick_rate(url: str, workers: int, cases: int) -> float:
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=worker, args=(url,)) for _ in range(workers)]
    started = time.perf_counter()
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return cases / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as folder,
        SQLiteStorage(f"sqlite:///{Path(folder) / 'b.db'}?synchronous=normal") as lite,
    ):
        print(f"SQLite (synchronous=normal) intake: {intake_rate(lite, args.cases):8.0f} cases/s")
    for workers in (1, 4):
        schema = f"ck_bench_{secrets.token_hex(4)}"
        url = f"{args.url}?schema={schema}&pool_max=2"
        try:
            with PostgresStorage(url) as storage:
                rate = intake_rate(storage, args.cases)
                if workers == 1:
                    print(f"PostgreSQL intake:                {rate:8.0f} cases/s")
                make_due(storage)
            rate = tick_rate(url, workers, args.cases)
            print(f"PostgreSQL tick, {workers} worker(s):       {rate:8.0f} cases/s")
        finally:
            with psycopg.connect(args.url, autocommit=True) as conn:
                conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


if __name__ == "__main__":
    main()
