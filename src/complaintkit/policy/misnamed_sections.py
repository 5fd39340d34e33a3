"""Errors that only follow from a misspelt top-level section are not shown beside it.

``catgories:`` for ``categories:`` is an unknown key (with "did you mean 'categories'?"),
and it also leaves the policy with no categories, so every row naming one reports an
unknown category "(none declared)". Those errors would send the author chasing ghosts:
while a top-level key is unknown, close to a section the policy lacks, the errors that
section's absence raises are dropped and the unknown key's hint says how many. So for a
section written with nothing after it (``categories:``, null), which leaves none too.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Final

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


def without_ghosts(problems: Sequence[Problem], present: Collection[str]) -> list[Problem]:
    """``problems`` but those a misspelt section raised; ``present``: the top-level keys."""
    misspelt: dict[str, Problem] = {}
    for problem in problems:
        if problem.code == "schema.additionalProperties" and problem.message.endswith(_AT_TOP):
            meant = meant_key(problem.location.path, shipped_schema()["properties"])
            if meant is not None and meant not in present:
                misspelt.setdefault(meant, problem)
        elif problem.code == "schema.type" and problem.message.endswith("(got null)"):
            misspelt.setdefault(problem.location.path, problem)  # ``categories:`` left empty
    if not misspelt:
        return list(problems)
    hidden = dict.fromkeys(misspelt, 0)
    kept = []
    for problem in problems:
        section = _section(problem)
        if section in hidden:
            hidden[section] += 1
        else:
            kept.append(problem)
    noted = {id(p): _noted(p, meant, hidden[meant]) for meant, p in misspelt.items()}
    return [noted.get(id(p), p) for p in kept]


def _section(problem: Problem) -> str:
    """The section whose absence ``problem`` reports, or ""."""
    if problem.code in ("missing-vocabulary", "missing-section"):
        return problem.location.path
    if problem.code == "unknown-reference" and (found := _NONE_DECLARED.search(problem.hint)):
        return found[1]
    if problem.code == "sla" and problem.message.startswith("unknown calendar"):
        return "calendars"
    return _CODES.get(problem.code, "")


def _noted(problem: Problem, meant: str, count: int) -> Problem:
    """The unknown key's problem, saying how many errors its section's absence raised."""
    if not count:
        return problem
    more = f"{count} more error{'s' if count > 1 else ''}"
    hint = f"{problem.hint}; {more} follow from there being no {meant}: fix this first"
    return attrs.evolve(problem, hint=hint)
