"""An outbox row whose count of attempts was edited to a negative number bought a failing
delivery that many extra tries, and one edited to the column's largest value made the
attempt's record overflow (``attempts + 1``), so the attempt was never recorded and the
delivery was sent again at every pass. A negative count reads as none and the store counts
on from what it read, the count kept within the column."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from complaintkit_postgres import PostgresStorage

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryFailed, DeliveryWorker, Outgoing
from complaintkit.delivery.retry import RetryPolicy
from complaintkit.model.message import Message

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ATTEMPTS = 3


class Refusing:
    def __init__(self) -> None:
        self.tries = 0

    def send(self, message: Message) -> None:
        self.tries += 1
        raise DeliveryFailed("HTTP 503")


@pytest.mark.parametrize(
    ("stored", "tries"), [(-5, ATTEMPTS), (-(2**31), ATTEMPTS), (2**31 - 1, 1)]
)
def test_a_damaged_count_gets_no_extra_tries_and_is_recorded(
    postgres_url: str, stored: int, tries: int
) -> None:
    with PostgresStorage(postgres_url) as storage:
        message = Message(to="sam@example.com", subject="s", body="b", case_id="CK-1")
        storage.enqueue([Outgoing.message("mail", message, T0)])
        with storage.connection() as conn, conn.transaction():
            conn.execute("UPDATE outbox SET attempts = %s", (stored,))
        mail = Refusing()
        clock = ManualClock(T0)
        worker = DeliveryWorker(storage, {"mail": mail}, clock, retry=RetryPolicy(ATTEMPTS))
        for _ in range(ATTEMPTS + 3):
            worker.run_once()
            clock.advance(timedelta(days=1))
        assert mail.tries == tries
        (dead,) = storage.deliveries()
        assert dead.state == "dead"
        (letter,) = storage.dead_letters()
        assert "HTTP 503" in letter.reason
