"""A customer's stored cases as a rehearsal's history facts read them.

The rows of a customer's cases answer ``open_cases`` and the per-customer compensation
caps. One row damaged by hand (its body no JSON, a status no case has) would end every
later case of theirs with it, each named as damaged for a row not its own. The events are
the record a replay trusts; so a damaged row is read from them, and the damage itself is
named once, by the replay's check of that case.
"""

from __future__ import annotations

from datetime import datetime

from complaintkit.audit.stored import damaged
from complaintkit.errors import DamagedRecord, InvalidInput, NotFound
from complaintkit.model.case import Case
from complaintkit.replay.histories import rebuilt
from complaintkit.storage.base import CaseQuery, Storage


def customer_cases(storage: Storage, customer_id: str, before: datetime, asking: str) -> list[Case]:
    """The cases of ``customer_id`` opened before ``before``, oldest first: each as its row
    holds it, or, where the row cannot be read, as its events fold. A case whose events
    cannot be read either is a ``DamagedRecord`` naming it and the case ``asking``."""
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
        events = storage.events(error.case_id)
        if not events:
            raise NotFound(f"case {error.case_id} has no stored events")
        return rebuilt(events)
    except (DamagedRecord, NotFound, InvalidInput) as exc:
        said = " ".join(str(exc).split("; `complaintkit audit verify`")[0].split())
        raise damaged(
            f"case {asking}",
            f"the history of its customer {customer_id!r} reads another case of theirs, "
            f"which cannot be read ({said})",
        ) from None
