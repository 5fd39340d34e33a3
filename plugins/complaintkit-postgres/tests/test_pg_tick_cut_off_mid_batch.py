"""A tick whose connection the server ends while a later batch waits to save
(``pg_terminate_backend``, as a failover does) fails with a ``StorageError`` naming the
server; the batches committed before it are kept, and the next tick records every due
escalation, and its delivery, once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.url import parse_url
from test_pg_killed_mid_transaction import PASSWORD, end_connections, named  # noqa: F401

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import StorageError
from complaintkit.policy.compiled import load_policy
from complaintkit.testing.storage_contract import make_complaint

POLICY = str(Path(__file__).parents[3] / "policies" / "retail")
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_a_tick_cut_off_mid_batch_keeps_what_it_committed_and_the_next_fires_each_once(
    named: tuple[PostgresStorage, str],  # noqa: F811
) -> None:
    storage, name = named
    policy = load_policy(POLICY)
    opened = Desk(policy, storage=storage, clock=ManualClock(T0))
    ids = [opened.intake(make_complaint(f"k{n}", customer=f"C{n}")).id for n in range(12)]
    opened.tick(T0)
    later = T0 + timedelta(days=2)
    desk = Desk(policy, storage=storage, clock=ManualClock(later))
    options = parse_url(storage.options.conninfo)
    ended: list[int] = []
    with psycopg.connect(options.conninfo, options=storage.options.server_options) as locker:
        killer: list[threading.Thread] = []

        def after_a_batch(done: int) -> None:
            if killer or not done:
                return
            locker.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")

            def kill_the_waiter() -> None:
                for _ in range(500):
                    ended.append(end_connections(storage, name, waiting=True))
                    if ended[-1]:
                        return
                    threading.Event().wait(0.02)

            killer.append(threading.Thread(target=kill_the_waiter))
            killer[0].start()

        with pytest.raises(StorageError) as refused:
            desk.tick(later, batch=5, progress=after_a_batch)
        killer[0].join()
        locker.rollback()
    assert ended[-1] == 1
    assert PASSWORD not in str(refused.value)
    assert "127.0.0.1:5432" in str(refused.value)
    escalated_before = {
        case_id for case_id in ids if any(e.kind == "escalated" for e in desk.history(case_id))
    }
    assert len(escalated_before) == 5  # the first batch, committed
    again = desk.tick(later, batch=5)
    assert again.cases == 7
    for case_id in ids:
        levels = [e.data.get("level") for e in desk.history(case_id) if e.kind == "escalated"]
        assert len(levels) == len(set(levels)) >= 1
    with psycopg.connect(options.conninfo) as admin:
        table = f'"{storage.options.schema}".outbox'
        distinct, every = admin.execute(
            f"SELECT count(DISTINCT delivery_id), count(*) FROM {table}"
        ).fetchone() or (0, -1)
    assert distinct == every > 0
