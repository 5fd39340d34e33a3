"""Facts a compensation row compares with a number that arrived as text that is none.

Taking ``days_late >= 3`` as false for ``days_late: "3天"`` paid the default (an apology) as
if the parcel were on time, without a word; the decision is refused instead, naming the
fact, the row and the bare number to write (:mod:`complaintkit.policy.unread_numbers`).
Checked before the table is read, as a decision may be explained row by row.
"""

from __future__ import annotations

from collections.abc import Sequence

from complaintkit.policy.facts import Facts
from complaintkit.policy.tables import Row
from complaintkit.policy.unread_numbers import refuse_unread


def refuse_unread_numbers(rows: Sequence[Row], hit_policy: str, facts: Facts) -> None:
    """Raise ``InvalidInput`` for the first fact that a row deciding the table compares with
    a number but that is text spelling none (under hit policy first, the rows up to the
    first that matches: later ones are never read)."""
    for row in rows:
        refuse_unread(f"row {row.id}", row.condition, facts, blank=True)
        if hit_policy == "first" and (row.condition is None or row.condition(facts)):
            return
