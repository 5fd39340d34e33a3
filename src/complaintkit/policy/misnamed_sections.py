"""Errors that only follow from a section (or a team) the policy cannot use are not shown
beside it.

``catgories:`` for ``categories:`` is an unknown key (with "did you mean 'categories'?"),
and it also leaves the policy with no categories, so every row naming one reports an
unknown category "(none declared)". Those errors would send the author chasing ghosts,
listed before the cause when the rows come first in the file or the section is in a
parent: while a top-level key is unknown, close to a section the policy lacks, the errors
that section's absence raises are dropped and the unknown key's hint says how many. So for
a section the policy cannot read (``categories:`` left null, ``teams: [quality, desk]``, a
refused YAML tag), which leaves none too; for the parts others read from (``sla.metrics``,
which escalation levels watch, ``sla.targets``, ``notifications.notifiers``); and for the
routing default's team when the policy cannot read an owner from it (``desk: 客服``,
``default_owner: [chen.jing]``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs

from complaintkit.errors import Problem
from complaintkit.policy.key_hints import meant_key
from complaintkit.policy.schema import shipped_schema

_AT_TOP: Final = " at the top of the policy"
_NONE_DECLARED: Final = re.compile(r"use one of the (\w+) the policy declares: \(none declared\)")
#: Errors raised only by a section's absence, beyond the ones located at the section itself:
#: (code, how the message starts, the sections or parts it may follow from).
_FOLLOWING: Final = (
    ("sla", "unknown calendar", ("calendars",)),
    ("sla", "unknown metric", ("sla", "sla.metrics")),
    ("untargeted-metric", "", ("sla", "sla.targets")),  # no target row gives its metric
)
#: Parts of a section that others read what they declare from, as a section's vocabulary.
_PARTS: Final = frozenset({"sla.metrics", "sla.targets", "notifications.notifiers"})
#: The ``defined: none`` of a template or notifier no part of the policy defines.
_NONE_DEFINED: Final = re.compile(r"(template|notifier) .*is not defined|no notifier is defined")
_UNDEFINED: Final = {
    "template": ("templates",),
    "notifier": ("notifications", "notifications.notifiers"),
}
#: Codes of an error saying a value is of no use as written: of the wrong type, or one the
#: reader refused and left out (a YAML tag, an alias, a value no number or text reads).
_UNUSABLE: Final = frozenset({"schema.type", "bad-value", "yaml-tag", "alias"})


def without_ghosts(problems: Sequence[Problem], data: Mapping[str, Any]) -> list[Problem]:
    """``problems`` but those a section or team the policy cannot use raised; ``data``:
    the merged policy."""
    roots: dict[str, Problem] = {}
    owner_team = _owner_team(data)
    for problem in problems:
        path = problem.location.path
        if problem.code == "schema.additionalProperties" and problem.message.endswith(_AT_TOP):
            meant = meant_key(path, shipped_schema()["properties"])
            if meant is not None and meant not in data:
                roots.setdefault(meant, problem)
        elif problem.code in _UNUSABLE and problem.severity == "error":
            team = f"teams.{owner_team}"
            if _unread_section(path, data):
                roots.setdefault(path, problem)
            elif owner_team and path in (team, f"{team}.default_owner"):
                roots.setdefault(team, problem)
    if not roots:
        return list(problems)
    hidden = dict.fromkeys(roots, 0)
    kept = []
    for problem in problems:
        section = next((s for s in _sections(problem, owner_team) if s in hidden), None)
        if section is None:
            kept.append(problem)
        else:
            hidden[section] += 1
    noted = {id(p): _noted(p, root, hidden[root]) for root, p in roots.items()}
    return [noted.get(id(p), p) for p in kept]


def _unread_section(path: str, data: Mapping[str, Any]) -> bool:
    """Whether ``path`` is a section (or one of ``_PARTS``) the merged policy holds nothing
    usable under: null, or not the mapping or list the schema asks for (a child's own
    mapping over a parent's list is read)."""
    if path not in shipped_schema()["properties"] and path not in _PARTS:
        return False
    schema: Mapping[str, Any] = shipped_schema()
    value: Any = data
    for key in path.split("."):
        schema = schema.get("properties", {}).get(key, {})
        value = value.get(key) if isinstance(value, Mapping) else None
    wanted = {"object": Mapping, "array": list}.get(str(schema.get("type")))
    return value is None or (wanted is not None and not isinstance(value, wanted))


def _owner_team(data: Mapping[str, Any]) -> str | None:
    """The team the routing default leaves to give the owner: it names no owner itself."""
    routing = data.get("routing")
    default = routing.get("default") if isinstance(routing, Mapping) else None
    if not isinstance(default, Mapping) or default.get("owner"):
        return None
    team = default.get("team")
    return team if isinstance(team, str) else None


def _sections(problem: Problem, owner_team: str | None) -> tuple[str, ...]:
    """The sections (or parts, or team) whose absence ``problem`` reports; none for others."""
    if problem.code in ("missing-vocabulary", "missing-section"):
        return (problem.location.path,)
    if problem.code == "missing-owner":  # the routing default's team, with no default_owner
        return ("teams", f"teams.{owner_team}") if owner_team else ("teams",)
    if problem.code == "unknown-reference" and (found := _NONE_DECLARED.search(problem.hint)):
        return (found[1],)
    if problem.hint.endswith("defined: none") and (found := _NONE_DEFINED.match(problem.message)):
        return _UNDEFINED[found[1] or "notifier"]
    return next(
        (
            roots
            for code, start, roots in _FOLLOWING
            if problem.code == code and problem.message.startswith(start)
        ),
        (),
    )


def _noted(problem: Problem, root: str, count: int) -> Problem:
    """The root's problem, saying how many errors the section's (or team's) absence raised."""
    if not count:
        return problem
    more = f"{count} more error follows" if count == 1 else f"{count} more errors follow"
    cause = (
        f"team {root.removeprefix('teams.')} having no default_owner to read"
        if root.startswith("teams.")
        else f"there being no {root}"
    )
    hint = f"{problem.hint.rstrip('.')}; {more} from {cause}: fix this first"
    return attrs.evolve(problem, hint=hint)
