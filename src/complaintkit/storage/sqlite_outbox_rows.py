"""An outbox row as SQLite gives it back, read as a ``Delivery`` whatever its columns hold.

SQLite keeps any value in any column: a row edited outside complaintkit may hold a count of
attempts as text or a blob, a notifier's name or a last error as bytes that are no UTF-8
(``stored_text`` hands those back as bytes). Read as they are, they ended the listing of the
outbox in a traceback, and a failed attempt (``attempts + 1``) every delivery pass. Text is
read with what is no UTF-8 escaped, a count that is no whole number as none (as the store's
own ``attempts + 1`` then counts on), a payload as ``stored_payload`` reads it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from complaintkit.delivery.outgoing import Delivery, Outgoing, stored_payload
from complaintkit.storage.base import kept_at

#: The columns ``delivery_of`` reads, in its order.
OUTBOX_COLUMNS = (
    "position, delivery_id, via, kind, case_id, payload, created_at, state, attempts, "
    "next_attempt_at, last_error"
)


def delivery_of(row: Sequence[Any], due_at: Callable[[object], datetime | None]) -> Delivery:
    """The delivery a row of ``OUTBOX_COLUMNS`` holds; ``due_at`` reads its due time."""
    position, delivery_id, via, kind, case_id, payload, at, state, attempts, due, error = row
    outgoing = Outgoing(
        _text(delivery_id),
        _text(via),
        _text(kind),  # type: ignore[arg-type] # another kind is sent as a message
        _text(case_id),
        stored_payload(payload),
        kept_at(at),
    )
    return Delivery(
        position,
        outgoing,
        _text(state),  # type: ignore[arg-type] # another state is never due
        _count(attempts),
        due_at(due),
        _text(error),
        due is not None and due_at(due) is None,
    )


def _text(value: object) -> str:
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    return "" if value is None else str(value)


def _count(value: object) -> int:
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return 0
