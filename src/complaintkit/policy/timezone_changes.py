"""A child policy that changes a calendar's ``timezone`` over hours it inherits.

A calendar's hours and dates are wall-clock times in its own timezone, so a child saying
``timezone: Europe/London`` over a parent's ``09:00-18:00`` in Asia/Shanghai silently
moves those hours (and the holidays of its ``holiday_country``) to London. As with a
currency changed over inherited amounts (:mod:`complaintkit.policy.currency`), the loader
reports it at the child's ``timezone:``, naming what is inherited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs

from complaintkit.errors import Problem
from complaintkit.policy.located import Located
from complaintkit.policy.source import join

#: What a calendar holds in its timezone's wall-clock time; 24x7 hours are in every one.
_LOCAL: Final = ("hours", "holiday_country", "holidays", "working_days")


def timezone_changes(
    parent: Mapping[str, Any], parent_tree: Located, own: Mapping[str, Any], own_tree: Located
) -> list[Problem]:
    """An error for each calendar of ``own`` whose timezone replaces the parent's while
    its hours, holidays or working days are the parent's."""
    problems = []
    for name, calendar in _calendars(own).items():
        before = _calendars(parent).get(name)
        old, new = (
            c.get("timezone") if isinstance(c, Mapping) else None for c in (before, calendar)
        )
        if not isinstance(before, Mapping) or not isinstance(old, str) or old == new:
            continue
        kept = [
            key for key in _LOCAL if key in before and key not in calendar and before[key] != "24x7"
        ]
        if not isinstance(new, str) or not kept:
            continue
        spot = _at(own_tree, name, "timezone").location
        first = _at(parent_tree, name, kept[0]).location
        path = join(join("calendars", name), "timezone")
        problems.append(
            Problem(
                attrs.evolve(spot, path=path),
                f"timezone {new} replaces calendar {name}'s inherited {old}, but its "
                f"{', '.join(kept)} are inherited, written as {old} wall-clock time (first: "
                f"{kept[0]} at {first.file}:{first.line}:{first.column})",
                f"restate {', '.join(kept)} in this file for {new}, or keep timezone: {old} "
                f"and add a calendar of its own for {new}",
                code="timezone-change",
            )
        )
    return problems


def _calendars(data: Mapping[str, Any]) -> Mapping[str, Any]:
    calendars = data.get("calendars")
    return calendars if isinstance(calendars, Mapping) else {}


def _at(tree: Located, *keys: str) -> Located:
    """Where ``calendars.<keys>`` is written, or the nearest place above it that is."""
    for key in ("calendars", *keys):
        tree = tree.children.get(key, tree)
    return tree
