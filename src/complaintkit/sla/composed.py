"""Calendars composed of two others (``union``, ``intersect``), built once their parts are.

A composition may name a calendar written after it, or one composed itself: each is built
when both its parts are, in as many passes as that takes. A part declared nowhere is an
unknown calendar; compositions that wait on each other are a cycle, named as such. Either
way the composed calendar is still known, as a calendar that failed is, so a target or
another calendar naming it is not also told it is unknown.
"""

from __future__ import annotations

from collections.abc import Callable

from complaintkit.sla.calendar import BusinessCalendar
from complaintkit.sla.calendar_names import unknown_calendar_hint
from complaintkit.sla.timeline import Timeline

#: One composition as written: its name, ``union`` or ``intersect``, and its two parts.
Composition = tuple[str, str, tuple[str, str]]


def compose(
    built: dict[str, Timeline],
    compositions: list[Composition],
    error: Callable[[str, str, str], None],
) -> None:
    """Add each composition to ``built``; ``error(path, message, hint)`` for one that
    cannot be (built then as a calendar that failed)."""
    waiting = {name: (op, parts) for name, op, parts in compositions}
    while ready := [n for n, (_, parts) in waiting.items() if all(p in built for p in parts)]:
        for name in ready:
            op, (a, b) = waiting.pop(name)
            built[name] = getattr(built[a], op)(built[b], name)
    for name, (op, parts) in waiting.items():
        path = f"calendars.{name}.{op}"
        missing = [part for part in parts if part not in built and part not in waiting]
        if missing:
            known = [*built, *waiting]
            hint = unknown_calendar_hint(missing[0], known)
            error(path, f"unknown calendar {missing[0]!r}", hint)
        else:
            through = ", ".join(part for part in parts if part in waiting)
            error(
                path,
                f"calendar {name!r} is composed of itself (through {through})",
                "compose it of calendars that have hours of their own",
            )
    for name in waiting:
        built[name] = BusinessCalendar.always(name=name)  # known: no "unknown" later
