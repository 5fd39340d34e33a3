"""Remembered clock instants: the engine asks for the same ones several times per case.

Working out when a warning, a breach or a timed escalation level falls due is calendar
arithmetic, the costliest part of a tick, and ``SlaEngine.pending`` asks again after each
step of a reaction (and once more to schedule the next deadline) with the same clocks.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from complaintkit.sla import clock
from complaintkit.sla.clock import Meter, State


class Instants:
    """``clock.instant_at`` with a bounded memo. The answer depends only on the clock's
    state, resumption, elapsed time, the offset and the meter; meters live as long as their
    engine, so a meter's id names it."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._known: dict[tuple[Any, ...], datetime | None] = {}

    def at(self, state: State, meter: Meter, offset_us: int) -> datetime | None:
        key = (state["state"], state["resumed_at"], state["elapsed_us"], offset_us, id(meter))
        try:
            return self._known[key]
        except KeyError:  # read and written without a lock: a clear in between only costs
            pass
        if len(self._known) >= self.size:
            self._known.clear()
        found = self._known[key] = clock.instant_at(state, meter, offset_us)
        return found
