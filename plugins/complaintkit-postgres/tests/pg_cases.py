"""Hand-built cases for the storage tests: a case with chosen deadlines, and one more event."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import GENESIS, CaseEvent
from complaintkit.model.history import apply, open_case

ACTOR = "storage-test"


def chain(case: Case, kind: str, data: dict[str, object], at: datetime) -> CaseEvent:
    """Fold one event onto ``case`` and return it."""
    event = CaseEvent.chained(
        case_id=case.id,
        seq=case.version + 1,
        kind=kind,
        at=at,
        actor=ACTOR,
        reason="",
        data=data,
        prev_hash=case.last_hash,
    )
    apply(case, event)
    return event


def ladder_case(
    n: int, opened: datetime, rungs: Sequence[datetime], case_id: str | None = None
) -> tuple[Case, list[CaseEvent]]:
    """Case number ``n`` (complaint ``ladder-n``) with an escalation ladder due at ``rungs``."""
    complaint = Complaint.from_json(
        {
            "channel": "web",
            "external_id": f"ladder-{n}",
            "received_at": opened.isoformat(),
            "customer": {"id": f"C{n % 97}"},
            "text": "快递三天没到 / parcel is late",
        }
    )
    opened_event = CaseEvent.chained(
        case_id=case_id or f"CK-L{n:07d}",
        seq=1,
        kind="opened",
        at=opened,
        actor=ACTOR,
        reason="seeded",
        data={"complaint": complaint.to_json(), "status_token": f"tok{n}", "policy_version": ""},
        prev_hash=GENESIS,
    )
    case = open_case(opened_event)
    ladder = [r.isoformat() for r in rungs]
    fields = {"attributes": {"ladder": ladder}, "next_deadline": ladder[0]}
    return case, [opened_event, chain(case, "fields_set", {"fields": fields}, opened)]
