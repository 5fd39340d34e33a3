"""The answers of agents' steps kept under their ``Idempotency-Key`` (``api.step_retries``),
so that a step sent again is recorded once: after ``serve`` restarted too, and when another
``serve`` on the same store takes the retry.

A store keeps, per agent and key, a ``StepAnswer``: a digest of the request the key was
first used for (its method, path and body as the step reads it), the answer's status and
JSON body, and the instant it was recorded, by the Desk's clock. ``Storage.claim_step_key``
and ``Storage.keep_step_answer`` run inside the transaction that records the step, so the
step and its answer commit together or not at all, and a second request with the key waits
for that transaction (SQLite: its one writer; PostgreSQL: the key's row, claimed first).
Answers recorded before the ``since`` a claim gives are expired: forgotten, a few at each
claim. ``KeptInMemory`` is the default of a backend that keeps none: the last
``MOST_KEPT`` answers in its process, which a restart forgets.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from datetime import datetime
from typing import Any

import attrs

#: How many answers ``KeptInMemory`` keeps, the oldest let go first.
MOST_KEPT = 10_000
#: How many expired answers a claim forgets at most: each is forgotten once, so the table
#: stays as large as a day's keys without a claim ever waiting on a long delete.
FORGOTTEN_AT_ONCE = 100


@attrs.frozen
class StepAnswer:
    """What a step sent under a key was answered: ``request`` the digest of the request
    (``api.step_retries.fingerprint``), ``status`` and ``body`` the answer, ``at`` when."""

    request: bytes
    status: int
    body: dict[str, Any]
    at: datetime


class KeptInMemory:
    """Answers in this process only, oldest first, at most ``MOST_KEPT``; copies of them,
    as a store keeps its own: a caller changing an answer it kept or claimed changes
    nothing kept."""

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple[str, str], StepAnswer] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, slot: tuple[str, str], since: datetime) -> StepAnswer | None:
        """The answer kept for ``slot`` (agent, key) at or after ``since``, if any; older
        ones are let go."""
        with self._lock:
            while self._kept:
                oldest = next(iter(self._kept.values()))
                if len(self._kept) <= MOST_KEPT and oldest.at >= since:
                    break
                self._kept.popitem(last=False)
            found = self._kept.get(slot)  # kept out of order (put back): older, maybe
            if found is None or found.at < since:
                return None
            return attrs.evolve(found, body=copy.deepcopy(found.body))

    def keep(self, slot: tuple[str, str], answer: StepAnswer) -> StepAnswer | None:
        """Keep ``answer`` under ``slot``; the answer it replaces, for ``put_back``."""
        with self._lock:
            replaced = self._kept.pop(slot, None)
            self._kept[slot] = attrs.evolve(answer, body=copy.deepcopy(answer.body))
            while len(self._kept) > MOST_KEPT:
                self._kept.popitem(last=False)
            return replaced

    def put_back(self, slot: tuple[str, str], replaced: StepAnswer | None) -> None:
        """Undo a ``keep`` of ``slot``: what it replaced is kept again, if anything was."""
        with self._lock:
            self._kept.pop(slot, None)
            if replaced is not None:
                self._kept[slot] = replaced
