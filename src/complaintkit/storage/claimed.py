"""The cases a claim on due work holds, past any stored row that cannot be read.

A case row altered or damaged outside complaintkit still has its deadline, so it stays due:
were it to fail the whole claim, no case of the store would get its warnings, breaches or
escalations until someone repaired it. A claim passes over such a row, names it, and takes
the next due case in its place, so the batch is as full as the due work allows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from complaintkit.audit.stored import read_case
from complaintkit.errors import DamagedRecord
from complaintkit.model.case import Case

#: Due rows from ``offset`` on, at most ``limit`` of them, as (case id, stored body): the
#: body as ``read_case`` takes it, text or the JSON object already parsed from it.
Fetch = Callable[[int, int], Sequence[tuple[str, Any]]]


class Claimed(list[Case]):
    """The claimed cases, earliest due first; ``damaged`` names each due row passed over
    as (case id, what is wrong with it)."""

    def __init__(self) -> None:
        super().__init__()
        self.damaged: list[tuple[str, str]] = []


def claimed_cases(fetch: Fetch, limit: int) -> Claimed:
    """Up to ``limit`` readable due cases; each damaged row read costs one more fetched."""
    claimed = Claimed()
    offset, wanted = 0, limit
    while wanted > 0:
        rows = fetch(wanted, offset)
        for case_id, body in rows:
            try:
                claimed.append(read_case(body, case_id))
            except DamagedRecord as exc:
                claimed.damaged.append((case_id, str(exc)))
        if len(rows) < wanted:
            break
        offset += len(rows)
        wanted = limit - len(claimed)
    return claimed
