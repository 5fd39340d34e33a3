"""Many worker processes on one database: every escalation level fires exactly once.

The workers are real ``complaintkit tick`` processes — the real Desk, SLA engine and tick —
on the three-level ladder policy (``pg_ladder.yaml``); the database is the only thing they
share. Cases are seeded through the Desk (``pg_seed.py``), several processes at once.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.url import parse_url
from pg_seed import LEVELS, POLICY, START, due_levels, seed

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
END = START + timedelta(days=1)
Db = psycopg.Connection[tuple[int, ...]]


def run_all(commands: Sequence[list[str]]) -> list[str]:
    """Run ``commands`` at once; wait for them all to succeed and return their outputs."""
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, text=True) for c in commands]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * len(procs)
    return outputs


def tick(url: str, now: datetime, workers: int, batch: int = 250) -> list[dict[str, int]]:
    """``complaintkit tick --now NOW --batch BATCH`` in ``workers`` processes; their JSON
    reports."""
    command = [
        *(sys.executable, "-m", "complaintkit", "--db", url, "--policy", str(POLICY)),
        *("tick", "--now", now.isoformat(), "--batch", str(batch), "--json"),
    ]
    return [json.loads(out) for out in run_all([command] * workers)]


def seed_in_parallel(url: str, cases: int, processes: int) -> None:
    """Seed cases 0 … cases - 1 from ``processes`` processes at once."""
    bounds = [cases * i // processes for i in range(processes + 1)]
    seeder = str(HERE / "pg_seed.py")
    run_all(
        [
            [sys.executable, seeder, url, str(first), str(end - first)]
            for first, end in itertools.pairwise(bounds)
        ]
    )


@pytest.fixture
def db(postgres_url: str) -> Iterator[Db]:
    options = parse_url(postgres_url)
    with PostgresStorage(postgres_url):  # create the schema
        pass
    with psycopg.connect(options.conninfo, options=options.server_options) as conn:
        conn.autocommit = True
        yield conn


def escalations(db: Db) -> dict[int, tuple[int, int]]:
    """Per ladder level: (escalated events, distinct cases among them)."""
    rows = db.execute(
        "SELECT (body -> 'data' ->> 'index')::int, count(*), count(DISTINCT case_id) "
        "FROM events WHERE kind = 'escalated' GROUP BY 1 ORDER BY 1"
    ).fetchall()
    return {level: (events, distinct) for level, events, distinct in rows}


def expected(cases: int, now: datetime) -> dict[int, tuple[int, int]]:
    """Every level due by ``now``, once per case."""
    due = [due_levels(n, now) for n in range(cases)]
    per_level = {level: sum(d >= level for d in due) for level in range(1, len(LEVELS) + 1)}
    return {level: (count, count) for level, count in per_level.items() if count}


def fired_early(db: Db) -> int:
    row = db.execute(
        "SELECT count(*) FROM events WHERE kind = 'escalated' "
        "AND (body -> 'data' ->> 'due_at')::timestamptz > at"
    ).fetchone()
    assert row is not None
    return row[0]


def test_four_workers_fire_every_level_of_5000_cases_exactly_once(
    postgres_url: str, db: Db
) -> None:
    # Some 80 claim blocks of 60 per tick, as many as 20,000 cases made in blocks of 250: the
    # workers race for as many blocks, each of them quicker to seed and to tick.
    cases, workers, batch = 5_000, 4, 60
    seed_in_parallel(postgres_url, cases, min(workers, os.cpu_count() or 1))

    midway = START + timedelta(minutes=100)  # some cases at level 0, 1, 2 and 3
    reports = tick(postgres_url, midway, workers, batch)
    assert escalations(db) == expected(cases, midway)
    assert {1, 2, 3} <= escalations(db).keys()
    assert sum(r["escalations"] for r in reports) == sum(e for e, _ in escalations(db).values())

    reports += tick(postgres_url, END, workers, batch)
    assert escalations(db) == dict.fromkeys((1, 2, 3), (cases, cases))
    assert sum(r["escalations"] for r in reports) == cases * len(LEVELS)
    assert fired_early(db) == 0
    assert db.execute("SELECT count(*) FROM cases WHERE next_deadline IS NULL").fetchone() == (
        cases,
    )
    # a late tick at the same instant finds nothing to do
    assert [r["escalations"] for r in tick(postgres_url, END, 1, batch)] == [0]


def wait_until_session_gone(db: Db, marker: str) -> None:
    """PostgreSQL ends a dead client's session (and frees its locks) once it sees the socket
    close; wait for that rather than racing it."""
    for _ in range(200):
        rows = db.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (marker,)
        ).fetchone()
        if rows == (0,):
            return
        time.sleep(0.05)
    pytest.fail("the killed worker's session is still open after 10 s")


def test_worker_killed_mid_tick_loses_nothing_and_fires_nothing_twice(
    postgres_url: str, db: Db
) -> None:
    cases = 1_000
    seed(postgres_url, 0, cases)
    marker = f"killed-{id(db)}"
    victim = subprocess.Popen(
        [
            *(sys.executable, str(HERE / "pg_tick_worker.py")),
            *(f"{postgres_url}&application_name={marker}", END.isoformat(), "100", "3"),
        ]
    )
    victim.wait(timeout=300)
    assert victim.returncode == -signal.SIGKILL
    wait_until_session_gone(db, marker)
    # two blocks of 100 committed; the third was written, not committed, and left no trace
    assert escalations(db) == dict.fromkeys((1, 2, 3), (200, 200))

    tick(postgres_url, END, 2)
    assert escalations(db) == dict.fromkeys((1, 2, 3), (cases, cases))
    assert fired_early(db) == 0
    # the ledger committed exactly what the surviving blocks stored, nothing the dead one wrote
    (audit,) = run_all(
        [[sys.executable, "-m", "complaintkit", "--db", postgres_url, "audit", "verify", "--json"]]
    )
    assert json.loads(audit)["broken"] == []
