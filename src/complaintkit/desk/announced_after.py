"""Changes told to plugins when the block they were made in ends, not as each is saved.

An agent's step sent with an ``Idempotency-Key`` is saved in the transaction that also
records its answer (``api.step_retries``), which commits after the Desk's own write: a
plugin told of the change at once could act on, or publish, a change that transaction
then undid, or read the store (from another connection) before it shows it. Inside
``announcing_after`` a change's announcement (the ``case_event`` hook, the delivery loop
woken) waits for the block to end, and is dropped if the block raises.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from complaintkit.model.case import Case
from complaintkit.model.events import CaseEvent


class AnnouncedAfter:
    """``announcing_after`` for the Desk, per thread."""

    if TYPE_CHECKING:

        def _announce(self, case: Case, events: Sequence[CaseEvent]) -> None: ...

    @contextmanager
    def announcing_after(self) -> Iterator[None]:
        """A block whose changes are announced when it ends without raising (open it
        around the ``storage.transaction()`` they commit in); a nested one joins it."""
        local = self._held_here()
        if getattr(local, "held", None) is not None:
            yield
            return
        held: list[tuple[Case, Sequence[CaseEvent]]] = []
        local.held = held
        try:
            yield
        finally:
            local.held = None
        for case, events in held:
            self._announce(case, events)

    def _held_back(self, case: Case, events: Sequence[CaseEvent]) -> bool:
        """Whether the announcement of ``events`` waits for the end of this thread's block."""
        held: list[tuple[Case, Sequence[CaseEvent]]] | None = getattr(
            self._held_here(), "held", None
        )
        if held is None:
            return False
        held.append((case, events))
        return True

    def _held_here(self) -> threading.local:
        local = self.__dict__.get("_announcements_held")
        if local is None:  # setdefault: two threads asking first get the same one
            local = self.__dict__.setdefault("_announcements_held", threading.local())
        assert isinstance(local, threading.local)
        return local
