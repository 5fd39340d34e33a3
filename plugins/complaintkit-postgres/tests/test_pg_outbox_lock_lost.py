"""Two delivery workers on one schema, and the first one's outbox lock connection ended by
the server mid-pass (``pg_terminate_backend``): the lock lived on a connection of its own
while the worker read and recorded its deliveries through the pool, so it went on sending
its whole batch, and every later one, while the second worker — now holding the lock —
sent the same deliveries. Only the delivery in flight when the lock went may go twice
(at least once, as after a kill); the first worker's pass ends at its next record."""

from __future__ import annotations

import zlib
from collections import Counter
from datetime import UTC, datetime

import psycopg
import pytest
from complaintkit_postgres import PostgresStorage
from complaintkit_postgres.url import parse_url

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker, Outgoing
from complaintkit.errors import StorageError
from complaintkit.model.message import Message

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def lock_holders(url: str) -> list[int]:
    """The server pids holding the outbox lock (key ``ckob``) of ``url``'s schema, not those
    of other schemas' workers (tests running beside this one on the same server)."""
    options = parse_url(url)
    schema_key = zlib.crc32(options.schema.encode()) - 2**31  # as the outbox keys it
    with psycopg.connect(options.conninfo, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND classid = %s::bigint::oid AND objid = %s::bigint::oid AND objsubid = 2",
            (0x636B6F62, schema_key % 2**32),
        ).fetchall()
    return [pid for (pid,) in rows]


def terminate(url: str, pids: list[int]) -> None:
    options = parse_url(url)
    with psycopg.connect(options.conninfo, autocommit=True) as conn:
        for pid in pids:
            conn.execute("SELECT pg_terminate_backend(%s)", (pid,))


class Counting:
    """Counts each delivery id sent; on its first send ends the first worker's lock
    connection and runs the second worker's pass, as if it ran on another machine then."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sent: Counter[str] = Counter()
        self.second: DeliveryWorker | None = None

    def send(self, message: Message) -> None:
        self.sent[message.subject] += 1
        if self.second is not None:
            second, self.second = self.second, None
            holders = lock_holders(self.url)
            assert len(holders) == 1
            terminate(self.url, holders)
            assert second.run_once().delivered >= 9


def test_a_lost_lock_connection_ends_the_pass_instead_of_sending_twice(
    postgres_url: str,
) -> None:
    with PostgresStorage(postgres_url) as first, PostgresStorage(postgres_url) as other:
        first.enqueue(
            [
                Outgoing.message(
                    "mail", Message(to="a@b.c", subject=f"m{i}", body="b", case_id="CK-1"), T0
                )
                for i in range(10)
            ]
        )
        mail = Counting(postgres_url)
        clock = ManualClock(T0)
        mail.second = DeliveryWorker(other, {"mail": mail}, clock)
        with pytest.raises(StorageError):
            DeliveryWorker(first, {"mail": mail}, clock).run_once()
        twice = [subject for subject, count in mail.sent.items() if count > 1]
        assert twice == ["m0"]  # the one in flight, sent again as after a kill
        assert set(mail.sent) == {f"m{i}" for i in range(10)}
        assert len(first.deliveries("delivered")) == 10
