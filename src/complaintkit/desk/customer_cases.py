"""A customer's stored cases as history facts read them (an import's ``open_cases``, a
replay's ``open_cases`` and per-customer compensation caps).

One of their rows damaged by hand (its body no JSON, a status no case has) would end every
later case of theirs with it: an import refused, each case a replay re-runs named as
damaged for a row not its own. A damaged row is read from its events instead (the record
the row is kept from), and the damage itself is named where that case is read.
"""

from __future__ import annotations

from datetime import datetime

from complaintkit.audit.stored import UNREADABLE, damaged
from complaintkit.errors import DamagedRecord
from complaintkit.model.case import Case
from complaintkit.model.history import replay
from complaintkit.storage.base import CaseQuery, Storage


def customer_cases(storage: Storage, customer_id: str, before: datetime, asking: str) -> list[Case]:
    """The cases of ``customer_id`` opened before ``before``, oldest first: each as its row
    holds it, or, where the row cannot be read, as its events fold. A case whose events
    cannot be read either is a ``DamagedRecord`` naming it and what is ``asking`` (``case
    CK-…`` replayed, the customer's history an import reads)."""
    found, broken = storage.find_readable(CaseQuery(customer_id=customer_id, opened_before=before))
    if not broken:
        return found
    for error in broken:
        found.append(_from_events(storage, error, customer_id, asking))
    return sorted(found, key=lambda case: (case.opened_at, case.id))


def _from_events(storage: Storage, error: DamagedRecord, customer_id: str, asking: str) -> Case:
    try:
        if error.case_id is None:  # a row naming no case: nothing else to read it from
            raise error
        return replay(storage.events(error.case_id))
    except UNREADABLE as exc:
        said = " ".join(str(exc).split("; `complaintkit audit verify`")[0].split())
        raise damaged(
            asking,
            f"it reads customer {customer_id!r}'s case {error.case_id or '(unnamed)'}, which "
            f"cannot be read from its row or its events ({said})",
        ) from None
