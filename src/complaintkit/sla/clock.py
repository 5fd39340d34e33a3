"""One SLA clock's state as a JSON-ready dict, and the pure functions that move it.

A clock measures *metric time*: business time on its calendar for business targets, real
elapsed time otherwise. Its target becomes a budget of metric time when it starts (so
"3 business days" and "24h" are both just budgets afterwards), and pauses, warnings and
escalation fractions are all offsets into that budget. Because the state holds the budget,
the elapsed time before the current running segment and the segment's start, every instant
of interest is ``advance(segment start, offset - elapsed)`` — no history replay needed.

State keys (all JSON): ``state`` (running | paused | stopped), ``target`` (as written),
``calendar``, ``business``, ``budget_us``, ``started_at``, ``resumed_at``, ``elapsed_us``
(before ``resumed_at``), ``paused_at``, ``pauses`` ([from, to] pairs), ``due_at``,
``thresholds`` (warning label → elapsed offset), ``warned``, ``breached_at``, ``met_at``,
``stopped_at``, ``outcome`` (met | breached | cancelled), ``cycle``, ``cycles`` (earlier
cycles' summaries).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs

from complaintkit.model.complaint import parse_instant
from complaintkit.sla.timeline import Timeline

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)

State = dict[str, Any]


@attrs.frozen
class Meter:
    """How a clock counts: business time on ``calendar``, or real time when it is None;
    ``finish`` turns a due instant into the one the target's end rule says (end of day,
    roll-forward), and applies to due instants only, not to warnings."""

    calendar: Timeline | None = None
    finish: Callable[[datetime], datetime] | None = None

    def measure(self, start: datetime, end: datetime) -> int:
        """Metric time from ``start`` to ``end`` in microseconds (0 if end is earlier)."""
        if end <= start:
            return 0
        if self.calendar is None:  # in UTC: two datetimes sharing a ZoneInfo subtract wall time
            return (end.astimezone(UTC) - start.astimezone(UTC)) // _US
        return self.calendar.elapsed(start, end) // _US

    def advance(self, start: datetime, micros: int) -> datetime:
        """The instant ``micros`` of metric time after ``start``."""
        if self.calendar is None:
            moved = start.astimezone(UTC) + timedelta(microseconds=micros)
            return moved.astimezone(start.tzinfo)
        return self.calendar.add(start, timedelta(microseconds=micros))


def _at(value: str) -> datetime:
    return parse_instant(value, "clock")


def start(
    now: datetime,
    *,
    target: str,
    calendar: str | None,
    business: bool,
    budget_us: int,
    thresholds: dict[str, int],
    meter: Meter,
    cycle: int = 1,
    cycles: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
) -> State:
    """A running clock started at ``now`` with ``budget_us`` of metric time to run."""
    state: State = {
        "state": "running",
        "target": target,
        "calendar": calendar,
        "business": business,
        "budget_us": budget_us,
        "started_at": now.isoformat(),
        "resumed_at": now.isoformat(),
        "elapsed_us": 0,
        "paused_at": None,
        "pauses": [],
        "due_at": None,
        "thresholds": dict(thresholds),
        "warned": [],
        "breached_at": None,
        "met_at": None,
        "stopped_at": None,
        "outcome": None,
        "cycle": cycle,
        "cycles": list(cycles or []),
        **(extra or {}),
    }
    return with_due(state, meter)


def elapsed(state: State, meter: Meter, now: datetime) -> int:
    """Metric time the clock has run by ``now``."""
    done = int(state["elapsed_us"])
    if state["state"] == "running":
        done += meter.measure(_at(state["resumed_at"]), now)
    return done


def instant_at(state: State, meter: Meter, offset_us: int) -> datetime | None:
    """When the running clock reaches ``offset_us`` of metric time; None unless running.

    An offset already passed maps to the segment start: it is due at once.
    """
    if state["state"] != "running":
        return None
    resumed = _at(state["resumed_at"])
    return meter.advance(resumed, max(0, offset_us - int(state["elapsed_us"])))


def with_due(state: State, meter: Meter) -> State:
    due = instant_at(state, meter, int(state["budget_us"]))
    if due is not None and meter.finish is not None:
        due = meter.finish(due)
    return {**state, "due_at": None if due is None else due.isoformat()}


def pause(state: State, meter: Meter, now: datetime) -> State:
    """Stop counting (the customer owes us an answer); the budget left is kept."""
    if state["state"] != "running":
        return state
    return {
        **state,
        "state": "paused",
        "elapsed_us": elapsed(state, meter, now),
        "paused_at": now.isoformat(),
        "pauses": [*state["pauses"], [now.isoformat(), None]],
        "due_at": None,
    }


def resume(state: State, meter: Meter, now: datetime) -> State:
    """Count again from ``now``; the due instant moves by the paused time."""
    if state["state"] != "paused":
        return state
    pauses = [list(p) for p in state["pauses"]]
    if pauses and pauses[-1][1] is None:
        pauses[-1][1] = now.isoformat()
    running = {
        **state,
        "state": "running",
        "resumed_at": now.isoformat(),
        "paused_at": None,
        "pauses": pauses,
    }
    return with_due(running, meter)


def stop(state: State, meter: Meter, now: datetime, *, met: bool) -> State:
    """Stop for good: ``met`` when the stop event arrived, else cancelled (case withdrawn).

    A clock stopped after its breach keeps ``outcome == "breached"`` and records when it
    was finally met.
    """
    if state["state"] == "stopped":
        return state
    resumed = resume(state, meter, now) if state["state"] == "paused" else state
    if met:
        outcome = "met" if state["breached_at"] is None else "breached"
    else:
        outcome = "cancelled" if state["breached_at"] is None else "breached"
    return {
        **resumed,
        "state": "stopped",
        "elapsed_us": elapsed(resumed, meter, now),
        "resumed_at": now.isoformat(),
        "due_at": None,
        "met_at": now.isoformat() if met else None,
        "stopped_at": now.isoformat(),
        "outcome": outcome,
    }


def warn(state: State, label: str) -> State:
    return {**state, "warned": [*state["warned"], label]}


def breach(state: State, at: datetime) -> State:
    """Record the breach at the instant the budget ran out (not when a tick noticed it)."""
    return {**state, "breached_at": at.isoformat()}


def summary(state: State) -> dict[str, Any]:
    """What an earlier cycle leaves behind when a reopen opens a new one."""
    keys = ("started_at", "due_at", "met_at", "breached_at", "stopped_at", "outcome", "target")
    return {key: state.get(key) for key in keys} | {"cycle": state["cycle"]}
