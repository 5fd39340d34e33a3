"""An outbox row whose columns SQLite's loose typing let be edited to another type (a
count of attempts written as text or a blob, a notifier's name or a last error as bytes
that are no UTF-8) ended ``complaintkit outbox`` in a traceback, and a failed attempt at
such a delivery ended every delivery pass (``'x' + 1``) with the rest of the outbox behind
it. Each column now reads back as its type: text that is not UTF-8 with its bytes escaped,
a count that is no whole number as none, so the row lists and its delivery is tried,
recorded and dead-lettered as any other."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.cli import build_cli
from complaintkit.clock import ManualClock
from complaintkit.delivery import DeliveryWorker
from complaintkit.delivery.failure import DeliveryFailed
from complaintkit.delivery.outgoing import Outgoing
from complaintkit.delivery.retry import RetryPolicy
from complaintkit.model.message import Message
from complaintkit.storage.sqlite import SQLiteStorage

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

#: What SQLite keeps in a column whatever its declared type.
STORED = st.one_of(
    st.text(max_size=8),
    st.binary(max_size=8),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),  # SQLite keeps NaN as NULL, which the columns refuse
)
COLUMNS = st.sampled_from(["attempts", "via", "last_error", "kind", "state", "case_id"])


class Refusing:
    def send(self, message: Message) -> None:
        raise DeliveryFailed("HTTP 503")


@settings(max_examples=60, deadline=None)
@given(column=COLUMNS, value=STORED)
def test_a_row_with_a_column_of_another_type_lists_and_is_delivered(
    column: str, value: object
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/c.db"
        with SQLiteStorage(url) as storage:
            items = [
                Outgoing.message("mail", Message(to=f"c{n}@example.com", subject="s", body="b"), T0)
                for n in range(2)
            ]
            storage.enqueue(items)
            with storage._transaction() as db:
                db.execute(f"UPDATE outbox SET {column} = ? WHERE position = 1", (value,))
            listed = CliRunner().invoke(build_cli(), ["--db", url, "outbox", "--json"])
            assert listed.exit_code == 0, listed.output
            assert "Traceback" not in listed.output
            worker = DeliveryWorker(
                storage, {"mail": Refusing()}, ManualClock(T0), retry=RetryPolicy(attempts=2)
            )
            worker.run_once()  # raises nothing: each attempt is recorded
            second = storage.delivery(items[1].delivery_id)
            assert second is not None
            assert second.attempts == 1
