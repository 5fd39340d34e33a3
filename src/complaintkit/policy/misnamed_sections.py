"""Errors that only follow from a section (or a team) the policy cannot use are not shown
beside it.

``catgories:`` for ``categories:`` is an unknown key (with "did you mean 'categories'?"),
and it also leaves the policy with no categories, so every row naming one reports an
unknown category "(none declared)". Those errors would send the author chasing ghosts,
listed before the cause when the rows come first in the file or the section is in a
parent: while a top-level key is unknown, close to a section the policy lacks, the errors
that section's absence raises are dropped and the unknown key's hint says how many. So for
a section the policy cannot read (``categories:`` left null, ``teams: [quality, desk]``, a
refused YAML tag), which leaves none too, and for the routing default's team when the
policy cannot read an owner from it (``desk: 客服``, ``default_owner: [chen.jing]``).
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
#: Errors raised only by a section's absence, beyond the ones located at the section itself.
_CODES: Final = {
    "missing-owner": "teams",  # the routing default's team, which has no default_owner
    "untargeted-metric": "sla",  # a ladder watching a metric no target row gives
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
    """Whether ``path`` is a top-level section the merged policy holds nothing usable
    under: null, or not the mapping the schema asks for (a child's own mapping over a
    parent's list is read)."""
    if path not in shipped_schema()["properties"]:
        return False
    value = data.get(path)
    wanted = shipped_schema()["properties"][path].get("type")
    return value is None or (wanted == "object" and not isinstance(value, Mapping))


def _owner_team(data: Mapping[str, Any]) -> str | None:
    """The team the routing default leaves to give the owner: it names no owner itself."""
    routing = data.get("routing")
    default = routing.get("default") if isinstance(routing, Mapping) else None
    if not isinstance(default, Mapping) or default.get("owner"):
        return None
    team = default.get("team")
    return team if isinstance(team, str) else None


def _sections(problem: Problem, owner_team: str | None) -> tuple[str, ...]:
    """The sections (or team) whose absence ``problem`` reports; none for others."""
    if problem.code in ("missing-vocabulary", "missing-section"):
        return (problem.location.path,)
    if problem.code == "unknown-reference" and (found := _NONE_DECLARED.search(problem.hint)):
        return (found[1],)
    if problem.code == "sla" and problem.message.startswith("unknown calendar"):
        return ("calendars",)
    if problem.code == "missing-owner" and owner_team:
        return ("teams", f"teams.{owner_team}")
    return (_CODES[problem.code],) if problem.code in _CODES else ()


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
