"""Concurrent requests share one commit: durable HTTP intake pays one fsync per group.

With SQLite ``synchronous=full`` every commit waits for the disk, and the store takes one
writer at a time, so requests committing one by one queue behind each other's fsync. Here
each request queues its complaint and waits for the commit lock; whoever gets it with its
complaint still queued takes every queued complaint into one ``Desk.intake_many`` — one
transaction, one fsync — and hands each request its own outcome. ``intake_many`` assesses a
batch as the same complaints taken one after another, so only the number of commits changes.
"""

from __future__ import annotations

import threading

from complaintkit.desk import Desk, Taken
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint


class _Slot:
    """One request's complaint and, once its group committed, what it came to."""

    __slots__ = ("complaint", "done", "error", "outcome", "withheld")

    def __init__(self, complaint: Complaint, withheld: str | None) -> None:
        self.complaint = complaint
        self.withheld = withheld
        self.done = False
        self.outcome: Taken | InvalidInput | None = None
        self.error: BaseException | None = None


class GroupCommit:
    """``intake`` for many threads at once, committing whatever is queued together."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self._queue: list[_Slot] = []
        self._queue_lock = threading.Lock()
        self._commit_lock = threading.Lock()

    def intake(self, complaint: Complaint, withheld: str | None = None) -> Taken | InvalidInput:
        """What ``Desk.intake_many([complaint])`` would answer (its customer sent nothing on
        opening if the acknowledgement is ``withheld``: why); a failing store (the only
        exception ``intake_many`` raises) fails every request of the group."""
        slot = _Slot(complaint, withheld)
        with self._queue_lock:
            self._queue.append(slot)
        with self._commit_lock:
            if not slot.done:  # no one took it yet: commit everything queued
                with self._queue_lock:
                    group, self._queue = self._queue, []
                try:
                    outcomes = self.desk.intake_many(
                        [s.complaint for s in group],
                        withheld={at: s.withheld for at, s in enumerate(group) if s.withheld},
                    )
                except BaseException as exc:
                    for waiting in group:
                        waiting.error, waiting.done = exc, True
                else:
                    for waiting, outcome in zip(group, outcomes, strict=True):
                        waiting.outcome, waiting.done = outcome, True
        if slot.error is not None:
            raise slot.error
        assert slot.outcome is not None  # done, under the commit lock
        return slot.outcome
