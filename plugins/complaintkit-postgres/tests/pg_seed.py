"""Seed many cases fast, exactly as ``Desk.intake`` would have opened them.

Each case is taken in by a real Desk (the ladder policy, a clock set to its arrival) on a
memory storage, so its events and SLA clocks are the Desk's own; the finished cases are then
copied into the storage's tables with ``COPY``, one transaction per chunk, instead of one
round trip per case, and each chunk's heads committed to the ledger as its writer would (a
store written around the ledger is one whose ledger lost entries). Runnable as a script so several
processes can seed one database at once:

    python pg_seed.py URL FIRST COUNT
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from complaintkit_postgres import PostgresStorage, ledger
from complaintkit_postgres.storage import _params
from psycopg import Connection
from psycopg.rows import TupleRow
from psycopg.types.json import Jsonb

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.policy.compiled import load_policy
from complaintkit.storage.memory import MemoryStorage

POLICY = Path(__file__).with_name("pg_ladder.yaml")
START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
#: The ladder's levels fire at these fractions of the 1h resolution target.
LEVELS = (0.5, 1.0, 1.5)
CHUNK = 1000
CASE_COLUMNS = (
    "id",
    "version",
    "status",
    "is_open",
    "customer_id",
    "owner",
    "category",
    "opened_at",
    "next_deadline",
    "body",
)


def arrival(n: int) -> datetime:
    """Case ``n`` arrives within two hours of START: staggered by seconds and by 10 minutes."""
    return START + timedelta(seconds=n % 3600, minutes=10 * (n % 7))


def due_levels(n: int, now: datetime) -> int:
    """How many of case ``n``'s levels are due at ``now``: a level at the deadline or past
    it (``elapsed`` 1.0 or more) falls due only after its instant, as a breach does."""
    return sum(
        arrival(n) + timedelta(hours=f) < now or (f < 1 and arrival(n) + timedelta(hours=f) == now)
        for f in LEVELS
    )


def seed(url: str, first: int, count: int) -> None:
    """Take in cases ``first`` … ``first + count - 1``."""
    clock = ManualClock(START)
    memory = MemoryStorage()
    desk = Desk(load_policy(POLICY), storage=memory, clock=clock)
    cases = []  # as the Desk stored them
    for n in range(first, first + count):
        clock.set(arrival(n))
        complaint = {
            "channel": "web",
            "external_id": f"ladder-{n}",
            "received_at": arrival(n).isoformat(),
            "customer": {"id": f"C{n}"},
            "text": "快递三天没到 / parcel is late",
        }
        cases.append(desk.intake(complaint))
    with PostgresStorage(url) as storage, storage.connection() as conn:
        for at in range(0, len(cases), CHUNK):
            with conn.transaction():
                chunk = cases[at : at + CHUNK]
                copy_cases(conn, chunk, memory)
                events = [event for case in chunk for event in memory.events(case.id)]
                ledger.commit_events(conn, events, storage.audit_key)


def copy_cases(conn: Connection[TupleRow], cases: list[Case], memory: MemoryStorage) -> None:
    """``COPY`` the cases, their events and keys: the columns ``PostgresStorage`` writes."""
    with conn.cursor().copy(
        "COPY cases (id, version, status, is_open, customer_id, owner, category, opened_at, "
        "next_deadline, body) FROM STDIN"
    ) as copy:
        for case in cases:
            params = _params(case, [], [])
            copy.write_row([params[column] for column in CASE_COLUMNS])
    with conn.cursor().copy("COPY events (case_id, seq, kind, at, body) FROM STDIN") as copy:
        for case in cases:
            for event in memory.events(case.id):
                copy.write_row((case.id, event.seq, event.kind, event.at, Jsonb(event.to_json())))
    with conn.cursor().copy("COPY intake_keys (channel, external_id, case_id) FROM STDIN") as copy:
        for case in cases:
            for complaint in case.complaints:
                copy.write_row((*complaint.key, case.id))


if __name__ == "__main__":
    seed(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
