"""The reader's problems at the paths of the merged policy.

The reader names a value it refused by its path in its own file; merging moves it: the
rows a policy adds follow those of the policy it extends, so a child's
``classification.rules[0]`` is the merged ``classification.rules[1]``. The loader leaves
out what the reader refused by path (so that no check reports the value it left out
again), which needs the merged path. A node keeps its location through the merge, so the
location of the refused node in its file finds its merged path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from complaintkit.errors import Location, Problem
from complaintkit.policy.source import Source, node_locations

#: A path's list indexes, which merging may change (its keys it never does).
_INDEX: Final = re.compile(r"\[\d+\]")
Spot = tuple[str, int | None, int | None]


def anchors(source: Source) -> dict[Problem, Spot]:
    """Where in ``source`` the node each of its located problems is about was read."""
    located = [p for p in source.problems if p.location.path]
    if not located:
        return {}
    nodes = node_locations(source.tree)
    return {p: _spot(nodes[p.location.path]) for p in located if p.location.path in nodes}


def at_merged_paths(
    problems: Iterable[Problem], anchored: Mapping[Problem, Spot], merged: Mapping[str, Location]
) -> list[Problem]:
    """``problems``, each anchored one at the merged path of the node it is about."""
    problems = list(problems)
    wanted = {anchored[p] for p in problems if p in anchored}
    paths: dict[Spot, list[str]] = {}
    for path, where in merged.items() if wanted else ():
        if (spot := _spot(where)) in wanted:
            paths.setdefault(spot, []).append(path)
    return [_moved(p, paths.get(anchored[p], [])) if p in anchored else p for p in problems]


def _moved(problem: Problem, candidates: list[str]) -> Problem:
    """The problem at the one candidate of its path's shape (a list item and its first
    key share a location, so the shape tells them apart)."""
    shape = _INDEX.sub("[]", problem.location.path)
    matching = [c for c in candidates if _INDEX.sub("[]", c) == shape]
    if len(matching) != 1:
        return problem
    return attrs.evolve(problem, location=attrs.evolve(problem.location, path=matching[0]))


def _spot(where: Location) -> Spot:
    return (where.file, where.line, where.column)
