"""How each deadline of a case was computed, and when each escalation level fires.

``explain_deadlines`` is the SLA part of ``complaintkit explain``: for every clock it gives
the target as written, the calendar and kind of time, when it started, each pause, the
budget and time used, and the due instant; for the case's ladder, each level's trigger and
when it fired or will fire (None while its clock is paused or its condition does not hold).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from complaintkit.model.case import Case
from complaintkit.sla import clock
from complaintkit.sla.engine import SlaEngine, _Work


def _hours(micros: int) -> str:
    return str(timedelta(microseconds=micros))


def explain_deadlines(case: Case, engine: SlaEngine, now: datetime) -> dict[str, Any]:
    """A JSON-ready account of the case's SLA clocks and escalation ladder at ``now``."""
    work = _Work(case)
    metrics = []
    for name, state in work.clocks.items():
        meter = engine.meter(state)
        used = clock.elapsed(state, meter, now)
        warnings = []
        for label, offset in state["thresholds"].items():
            at = clock.instant_at(state, meter, offset)
            warnings.append(
                {
                    "label": label,
                    "fired": label in state["warned"],
                    "at": None if at is None else at.isoformat(),
                }
            )
        metrics.append(
            {
                "metric": name,
                "target": state["target"],
                "time": "business" if state["business"] else "calendar",
                "calendar": state["calendar"],
                "cycle": state["cycle"],
                "started_at": state["started_at"],
                "pauses": state["pauses"],
                "budget": _hours(state["budget_us"]),
                "used": _hours(used),
                "fraction": round(used / state["budget_us"], 4) if state["budget_us"] else None,
                "state": state["state"],
                "due_at": state["due_at"],
                "warnings": warnings,
                "breached_at": state["breached_at"],
                "met_at": state["met_at"],
                "outcome": state["outcome"],
            }
        )
    ladder = engine.ladder(work)
    timeline = []
    if ladder is not None:
        fired = work.escalation.get("fired", {})
        for level in ladder.levels:
            at = engine._level_instant(work, level)
            timeline.append(
                {
                    "level": level.name,
                    "index": level.index,
                    "trigger": level.trigger.describe(),
                    "fired_at": fired.get(level.name),
                    "fires_at": None if level.name in fired or at is None else at.isoformat(),
                    "actions": [action.kind for action in level.actions],
                }
            )
    return {
        "case": case.id,
        "policy_version": case.policy_version,
        "next_deadline": None if case.next_deadline is None else case.next_deadline.isoformat(),
        "metrics": metrics,
        "ladder": None if ladder is None else ladder.name,
        "levels": timeline,
    }


def render_deadlines(explanation: dict[str, Any]) -> list[str]:
    """The explanation as lines of text for the terminal."""
    lines = []
    for m in explanation["metrics"]:
        pauses = ", ".join(f"{a}→{b or 'now'}" for a, b in m["pauses"]) or "none"
        lines.append(
            f"{m['metric']}: {m['target']} ({m['time']} time, calendar {m['calendar']}), "
            f"started {m['started_at']}, pauses {pauses}, used {m['used']} of {m['budget']}, "
            f"due {m['due_at'] or '-'} [{m['outcome'] or m['state']}]"
        )
    if explanation["ladder"]:
        lines.append(f"ladder {explanation['ladder']}:")
        for level in explanation["levels"]:
            when = level["fired_at"] and f"fired {level['fired_at']}"
            when = when or (level["fires_at"] and f"fires {level['fires_at']}") or "not scheduled"
            lines.append(f"  {level['index']}. {level['level']}: {level['trigger']} — {when}")
    return lines
