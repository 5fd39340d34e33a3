"""Two ``intake_many`` batches sharing complaints, taken in at once by two workers.

Each key a batch claims is locked until its transaction ends; two batches claiming shared
keys in opposite orders waited for each other, and PostgreSQL broke the deadlock by failing
one whole batch. The keys are claimed in one order whatever the batch's, so both batches are
taken in and each complaint opens one case.

The interleaving is forced, not timed: a third connection holds two other keys uncommitted,
each batch claims its first key and waits on one of those, and only when both wait does the
third connection let go.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
from complaintkit_postgres.url import parse_url

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.desk.taken import Taken
from complaintkit.errors import InvalidInput

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def complaint(external_id: str) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": external_id,
        "customer": {"id": "C-1"},
        "text": "收到的商品有破损",
        "received_at": NOW.isoformat(),
    }


def wait_for_waiters(monitor: psycopg.Connection[Any], application: str, count: int) -> None:
    """Until ``count`` sessions named ``application`` wait for a lock (the batches are in)."""
    for _ in range(1000):
        (waiting,) = monitor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE application_name = %s AND wait_event_type = 'Lock'",
            (application,),
        ).fetchone() or (0,)
        if waiting >= count:
            return
        time.sleep(0.01)
    pytest.fail(f"the batches never both waited for a lock ({waiting} of {count})")


def test_batches_sharing_keys_in_opposite_orders_are_both_taken_in(postgres_url: str) -> None:
    application = f"ck-lock-order-{secrets.token_hex(4)}"
    url = f"{postgres_url}&application_name={application}"
    options = parse_url(postgres_url)
    desks = [Desk(storage=url, clock=ManualClock(NOW)) for _ in range(2)]
    batches = [
        [complaint("k1"), complaint("held-a"), complaint("k2")],
        [complaint("k2"), complaint("held-b"), complaint("k1")],
    ]
    results: list[Sequence[Taken | InvalidInput] | BaseException] = [ValueError("not run")] * 2

    def take_in(n: int) -> None:
        try:
            results[n] = desks[n].intake_many(batches[n])
        except BaseException as exc:  # reported by the assertion below
            results[n] = exc

    with (
        psycopg.connect(options.conninfo, options=options.server_options) as holder,
        psycopg.connect(options.conninfo, autocommit=True) as monitor,
    ):
        holder.execute(
            "INSERT INTO intake_keys (channel, external_id, case_id) "
            "VALUES ('web', 'held-a', 'none'), ('web', 'held-b', 'none')"
        )
        workers = [threading.Thread(target=take_in, args=(n,)) for n in range(2)]
        for worker in workers:
            worker.start()
        wait_for_waiters(monitor, application, 2)
        holder.rollback()
        for worker in workers:
            worker.join(timeout=60)

    for result in results:
        assert isinstance(result, list), result
        assert all(isinstance(taken, Taken) for taken in result), result
    first, second = results
    assert isinstance(first, list)
    assert isinstance(second, list)
    by_key = {
        taken.case.complaint.external_id: taken.case.id
        for batch in (first, second)
        for taken in batch
        if isinstance(taken, Taken)
    }
    assert sorted(by_key) == ["held-a", "held-b", "k1", "k2"]
    shared = [t.case.id for t in (first[0], first[2], second[0], second[2]) if isinstance(t, Taken)]
    assert sorted(shared) == sorted([by_key["k1"], by_key["k2"]] * 2)
    created = [t.created for batch in (first, second) for t in batch if isinstance(t, Taken)]
    assert created.count(True) == 4  # each complaint opened one case, in one of the batches
    storage = desks[0].storage
    assert len(list(storage.case_ids())) == 4
    for desk in desks:
        desk.storage.close()
