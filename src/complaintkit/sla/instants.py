"""Remembered clock instants: the engine asks for the same ones several times per case.

Working out when a warning, a breach or a timed escalation level falls due is calendar
arithmetic, the costliest part of a tick, and ``Pending.items`` asks again after each
step of a reaction (and once more to schedule the next deadline) with the same clocks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from complaintkit.model.clocks import ClockState
from complaintkit.sla import clock
from complaintkit.sla.clock import Meter


class _Unknown(Enum):
    """What the memo answers for an instant it has not worked out (None is an answer)."""

    ANSWER = 0


_UNKNOWN = _Unknown.ANSWER


class Instants:
    """``clock.instant_at`` with a bounded memo. The answer depends only on the clock's
    phase, the start of its running segment (with its offset: the answer is given in that
    zone), the time it ran before, the offset and the meter; meters live as long as their
    engine, so a meter's id names it."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._known: dict[tuple[Any, ...], datetime | None] = {}

    def at(self, state: ClockState, meter: Meter, offset: timedelta) -> datetime | None:
        resumed = state.resumed_at
        # a fixed offset's tzinfo equals another's of the same offset: it stands for it
        key = (state.state, resumed, resumed.tzinfo, state.elapsed, offset, id(meter))
        return self._recalled(key, clock.instant_at, state, meter, offset)

    def warning(self, state: ClockState, meter: Meter, offset: timedelta) -> datetime | None:
        """``clock.warning_at``: under an end rule it also depends on the clock's start,
        budget and due instant."""
        if meter.finish is None:
            return self.at(state, meter, offset)
        resumed = state.resumed_at
        key = (
            "warning", state.state, resumed, resumed.tzinfo, state.elapsed, offset, id(meter),
            state.started_at, state.budget, state.due_at,
        )  # fmt: skip
        return self._recalled(key, clock.warning_at, state, meter, offset)

    def end(self, state: ClockState, meter: Meter, offset: timedelta) -> datetime | None:
        """``clock.ends_at``: it also depends on the clock's start and its pauses."""
        resumed = state.resumed_at
        key = (
            "end", state.state, resumed, resumed.tzinfo, state.elapsed, offset, id(meter),
            state.started_at, state.pauses,
        )  # fmt: skip
        return self._recalled(key, clock.ends_at, state, meter, offset)

    def _recalled(
        self,
        key: tuple[Any, ...],
        work: Callable[[ClockState, Meter, timedelta], datetime | None],
        state: ClockState,
        meter: Meter,
        offset: timedelta,
    ) -> datetime | None:
        """The remembered answer for ``key``, else ``work``'s, remembered. Read and written
        without a lock: a clear in between only costs; a miss (most asks in a tick, whose
        cases each have their own clocks) raises nothing."""
        found = self._known.get(key, _UNKNOWN)
        if found is not _UNKNOWN:
            return found
        if len(self._known) >= self.size:
            self._known.clear()
        found = self._known[key] = work(state, meter, offset)
        return found
