"""Many worker processes on one database: every escalation level fires exactly once.

The workers are real processes (``pg_ladder.py``) claiming due cases with ``FOR UPDATE
SKIP LOCKED``; the database is the only thing they share.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.url import parse_url
from pg_ladder import LEVELS, rungs, seed

pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("pg_ladder.py")
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
END = START + timedelta(days=1)


def start_workers(url: str, now: datetime, count: int, *extra: str) -> list[subprocess.Popen[str]]:
    return [
        subprocess.Popen(
            [sys.executable, str(WORKER), url, now.isoformat(), *extra],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]


def conflicts_reported(workers: Sequence[subprocess.Popen[str]]) -> list[int]:
    """Wait for ``workers``; each prints how many conflicts it met."""
    outputs = [w.communicate(timeout=300)[0] for w in workers]
    assert [w.returncode for w in workers] == [0] * len(workers)
    return [int(out) for out in outputs]


@pytest.fixture
def db(postgres_url: str) -> Iterator[psycopg.Connection[tuple[int, ...]]]:
    options = parse_url(postgres_url)
    with PostgresStorage(postgres_url):  # create the schema
        pass
    with psycopg.connect(options.conninfo, options=options.server_options) as conn:
        conn.autocommit = True
        yield conn


def escalations(db: psycopg.Connection[tuple[int, ...]]) -> tuple[int, int]:
    """(escalated events, distinct (case, level) pairs among them)."""
    row = db.execute(
        "SELECT count(*), count(DISTINCT (case_id, body -> 'data' ->> 'level')) "
        "FROM events WHERE kind = 'escalated'"
    ).fetchone()
    assert row is not None
    return row[0], row[1]


def due_by(count: int, now: datetime) -> int:
    return sum(rung <= now for n in range(count) for rung in rungs(n, START))


def test_four_workers_fire_every_level_of_20000_cases_exactly_once(
    postgres_url: str, db: psycopg.Connection[tuple[int, ...]]
) -> None:
    cases, workers = 20_000, 4
    share = cases // workers
    seeders = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                postgres_url,
                START.isoformat(),
                "--seed",
                str(i * share),
                str(share),
            ]
        )
        for i in range(workers)
    ]
    assert [s.wait(timeout=300) for s in seeders] == [0] * workers

    midway = START + timedelta(minutes=75)
    assert conflicts_reported(start_workers(postgres_url, midway, workers)) == [0] * workers
    assert escalations(db) == (due_by(cases, midway),) * 2  # all due by then, none early

    assert conflicts_reported(start_workers(postgres_url, END, workers)) == [0] * workers
    assert escalations(db) == (cases * LEVELS,) * 2
    assert db.execute(
        "SELECT count(*) FROM cases WHERE next_deadline IS NULL "
        "AND (body ->> 'escalation_level')::int = %s",
        (LEVELS,),
    ).fetchone() == (cases,)


def wait_until_session_gone(db: psycopg.Connection[tuple[int, ...]], pid: int) -> None:
    """PostgreSQL ends a dead client's session (and frees its locks) once it sees the socket
    close; wait for that rather than racing it."""
    for _ in range(200):
        rows = db.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE client_port IS NOT NULL "
            "AND application_name = %s",
            (f"killed-{pid}",),
        ).fetchone()
        if rows == (0,):
            return
        time.sleep(0.05)
    pytest.fail("the killed worker's session is still open after 10 s")


def test_worker_killed_mid_tick_loses_nothing_and_fires_nothing_twice(
    postgres_url: str, db: psycopg.Connection[tuple[int, ...]]
) -> None:
    cases = 1_000
    with PostgresStorage(postgres_url) as storage:
        seed(storage, 0, cases, START)
    marker = f"killed-{id(db)}"
    (victim,) = start_workers(
        f"{postgres_url}&application_name={marker}", END, 1, "--batch", "100", "--die-after", "250"
    )
    victim.communicate(timeout=300)
    assert victim.returncode == -signal.SIGKILL
    wait_until_session_gone(db, id(db))
    # two blocks of 100 committed; the third died after 50 saves and left no trace
    assert escalations(db) == (200, 200)

    assert conflicts_reported(start_workers(postgres_url, END, 2)) == [0, 0]
    assert escalations(db) == (cases * LEVELS,) * 2
