"""``Desk.tick`` in its own process, SIGKILLed in the middle of a claim block.

    python pg_tick_worker.py URL NOW BATCH DIE_IN_BATCH

The Desk is the real one (the ladder policy, the real SLA engine and tick); the only change
is that the storage's ``save_many`` kills the process right after writing batch number
``DIE_IN_BATCH`` — its rows written inside the claim's transaction, not yet committed.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from datetime import datetime

from pg_seed import POLICY

from complaintkit.desk import Desk
from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent
from complaintkit.plugins import Plugins
from complaintkit.policy.compiled import load_policy


def main(url: str, now: datetime, batch: int, die_in_batch: int) -> None:
    desk = Desk(load_policy(POLICY), storage=Plugins().open_storage(url))
    save_many = desk.storage.save_many
    batches = 0

    def save_then_die(changes: Sequence[tuple[Case, Sequence[CaseEvent]]]) -> None:
        nonlocal batches
        save_many(changes)
        batches += 1
        if batches == die_in_batch:
            os.kill(os.getpid(), signal.SIGKILL)

    desk.storage.save_many = save_then_die  # type: ignore[method-assign]
    desk.tick(now, batch=batch)


if __name__ == "__main__":
    main(sys.argv[1], datetime.fromisoformat(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
