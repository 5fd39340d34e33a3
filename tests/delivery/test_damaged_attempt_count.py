"""An outbox row whose count of attempts was edited to a negative number or to one that is
no whole number (SQLite keeps ``2.5`` in an INTEGER column) is damaged: it was read as it
stood, so ``-5`` bought a failing delivery five extra tries, and ``2.5`` (read as none,
then stored as ``3.5``, ``4.5``, …) was retried for ever, never dead-lettered. Such a count
now reads as none, as a count of another type does, and the store counts on from there: the
delivery gets the policy's attempts, then becomes a dead letter with its reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.delivery.retry import RetryPolicy
from complaintkit.model.message import Message
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ATTEMPTS = 3


class Refusing:
    def __init__(self) -> None:
        self.tries = 0

    def send(self, message: Message) -> None:
        self.tries += 1
        raise DeliveryFailed("HTTP 503")


@pytest.mark.parametrize("stored", [-5, -(2**63), 2.5, -0.5])
def test_a_damaged_count_gets_the_policys_attempts_then_a_dead_letter(
    tmp_path: Path, stored: float
) -> None:
    with SQLiteStorage(f"sqlite:///{tmp_path}/c.db") as storage:
        item = Outgoing.message("mail", Message(to="c@example.com", subject="s", body="b"), T0)
        storage.enqueue([item])
        with storage._transaction() as db:
            db.execute("UPDATE outbox SET attempts = ?", (stored,))
        (read,) = storage.deliveries()
        assert read.attempts == 0
        mail = Refusing()
        clock = ManualClock(T0)
        worker = DeliveryWorker(storage, {"mail": mail}, clock, retry=RetryPolicy(ATTEMPTS))
        for _ in range(ATTEMPTS + 5):
            worker.run_once()
            clock.advance(timedelta(days=1))
        assert mail.tries == ATTEMPTS
        (dead,) = storage.deliveries()
        assert (dead.state, dead.attempts) == ("dead", ATTEMPTS)
        (letter,) = storage.dead_letters()
        assert f"gave up after {ATTEMPTS} attempt(s): HTTP 503" in letter.reason
