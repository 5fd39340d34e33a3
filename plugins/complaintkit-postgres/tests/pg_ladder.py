"""A stand-in SLA worker for the many-worker tests, runnable as a script in its own process.

Each seeded case carries an escalation ladder (``attributes["ladder"]``: instants at which
levels 1, 2, 3… are due) and ``next_deadline`` = the first rung. A tick claims due cases and,
for each, records an ``escalated`` event for the next level and moves ``next_deadline`` to
the following rung (or clears it) — the same claim → fold → save path the SLA engine's
``Desk.tick`` takes.

    python pg_ladder.py URL NOW [--batch 100] [--die-after N]
    python pg_ladder.py URL START --seed FIRST COUNT

``--die-after N`` SIGKILLs the process in the middle of a claim block, after its N-th save.
"""

from __future__ import annotations

import argparse
import os
import signal
from collections.abc import Sequence
from datetime import datetime, timedelta

from complaintkit.errors import Conflict
from complaintkit.model.case import Case
from complaintkit.model.complaint import Complaint
from complaintkit.model.events import GENESIS, CaseEvent
from complaintkit.model.history import apply, open_case
from complaintkit.storage.base import Storage

WORKER = "ladder-worker"


def chain(case: Case, kind: str, data: dict[str, object], at: datetime) -> CaseEvent:
    """Fold one event onto ``case`` and return it."""
    event = CaseEvent.chained(
        case_id=case.id,
        seq=case.version + 1,
        kind=kind,
        at=at,
        actor=WORKER,
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
        actor=WORKER,
        reason="seeded",
        data={"complaint": complaint.to_json(), "status_token": f"tok{n}", "policy_version": ""},
        prev_hash=GENESIS,
    )
    case = open_case(opened_event)
    ladder = [r.isoformat() for r in rungs]
    fields = {"attributes": {"ladder": ladder}, "next_deadline": ladder[0]}
    return case, [opened_event, chain(case, "fields_set", {"fields": fields}, opened)]


LEVELS = 3


def rungs(n: int, start: datetime) -> list[datetime]:
    """When case ``n``'s levels are due: staggered by seconds and minutes over a few hours."""
    opened = start + timedelta(seconds=n % 3600)
    return [opened + timedelta(minutes=30 * level + n % 17) for level in range(1, LEVELS + 1)]


def seed(storage: Storage, first: int, count: int, start: datetime) -> None:
    """Cases ``first`` … ``first + count - 1``, each with its ladder."""
    for n in range(first, first + count):
        storage.intake(*ladder_case(n, start + timedelta(seconds=n % 3600), rungs(n, start)))


def escalate(case: Case, now: datetime) -> list[CaseEvent]:
    """Fire the case's next ladder level and point ``next_deadline`` at the one after."""
    ladder = case.attributes["ladder"]
    level = case.escalation_level + 1
    following = ladder[level] if level < len(ladder) else None
    fired = {**case.clocks.get("_escalation", {}).get("fired", {}), str(level): now.isoformat()}
    escalated = {"level": level, "index": level, "state": {"ladder": "pg", "fired": fired}}
    return [
        chain(case, "escalated", escalated, now),
        chain(
            case,
            "fields_set",
            {"fields": {"escalation_level": level, "next_deadline": following}},
            now,
        ),
    ]


def tick(storage: Storage, now: datetime, batch: int, die_after: int | None = None) -> int:
    """Work until nothing is due at ``now``; return how many conflicts were met (expect 0)."""
    conflicts = saves = 0
    while True:
        with storage.claim_due(now, batch) as due:
            if not due:
                return conflicts
            for case in due:
                try:
                    storage.save(case, escalate(case, now))
                except Conflict:
                    conflicts += 1
                saves += 1
                if saves == die_after:
                    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    from complaintkit.plugins import Plugins  # noqa: PLC0415 -- only the script needs plugins

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("now", type=datetime.fromisoformat)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--die-after", type=int)
    parser.add_argument("--seed", type=int, nargs=2, metavar=("FIRST", "COUNT"))
    args = parser.parse_args()
    with Plugins().open_storage(args.url) as storage:
        if args.seed:
            first, count = args.seed
            seed(storage, first, count, args.now)
            return
        conflicts = tick(storage, args.now, args.batch, args.die_after)
    print(conflicts)  # noqa: T201 -- the parent test reads it


if __name__ == "__main__":
    main()
