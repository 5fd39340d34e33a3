"""An outbox row as SQLite gives it back, read as a ``Delivery`` whatever its columns hold.

A row edited outside complaintkit may hold a count of attempts as text or a blob, a
notifier's name or a last error as bytes that are no UTF-8: read as they were, they ended
the listing of the outbox in a traceback, and a failed attempt (``attempts + 1``) every
delivery pass. Each column is read as ``sqlite_loose_values`` reads it (a count that is no
whole number as none, a negative one as ``Delivery`` does), a payload as ``stored_payload``
reads it; a recorded attempt counts on from what was read (``RECORD_ATTEMPT``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from complaintkit.delivery.outgoing import Delivery, Outgoing, stored_payload
from complaintkit.model.instants import FIRST, LAST
from complaintkit.storage.base import kept_at
from complaintkit.storage.sqlite_loose_values import count_of, text_of

#: The due times a delivery can have: a day inside Python's years 1 to 9999.
FIRST_DUE, LAST_DUE = FIRST.timestamp(), LAST.timestamp()


def due_at(due: object) -> datetime | None:
    """A stored due time; None where it is no instant (text, a blob, a number out of range)."""
    if isinstance(due, int | float) and FIRST_DUE <= due <= LAST_DUE:
        return datetime.fromtimestamp(due, UTC)
    return None


#: The columns ``delivery_of`` reads, in its order.
OUTBOX_COLUMNS = (
    "position, delivery_id, via, kind, case_id, payload, created_at, state, attempts, "
    "next_attempt_at, last_error"
)


#: Record an attempt, counting on from the stored count as ``delivery_of`` reads it:
#: ``attempts + 1`` kept a negative count below what was read, and made ``2.5`` ``3.5``, read
#: as none again, so that delivery was retried for ever.
RECORD_ATTEMPT = (
    "UPDATE outbox SET state = ?, "
    "attempts = (CASE WHEN typeof(attempts) = 'integer' AND attempts > 0 THEN attempts "
    "ELSE 0 END) + ?, next_attempt_at = ?, last_error = ? WHERE position = ?"
)


def delivery_of(row: Sequence[Any], due_at: Callable[[object], datetime | None]) -> Delivery:
    """The delivery a row of ``OUTBOX_COLUMNS`` holds; ``due_at`` reads its due time."""
    position, delivery_id, via, kind, case_id, payload, at, state, attempts, due, error = row
    outgoing = Outgoing(
        text_of(delivery_id),
        text_of(via),
        text_of(kind),  # type: ignore[arg-type] # another kind is sent as a message
        text_of(case_id),
        stored_payload(payload),
        kept_at(at),
    )
    return Delivery(
        position,
        outgoing,
        text_of(state),  # type: ignore[arg-type] # another state is never due
        count_of(attempts),
        due_at(due),
        text_of(error),
        due is not None and due_at(due) is None,
    )
