"""A file's problems at the merged policy's paths, as every later problem is.

What the reader finds (an anchor, an alias, a value it steps over) is found in one file,
at that file's path; the policy's other problems are found in the merged document, where
a child's rows come after its parent's (``extends``) or replace one in place. The file's
first row is ``routing.rules[1]`` of a policy extending one with a routing row: named
``routing.rules[0]``, an anchor on it pointed at the parent's row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs

from complaintkit.errors import Problem
from complaintkit.policy.source import Source, join

#: The last step of a path: ``.key`` or ``[3]``.
_LAST_STEP: Final = re.compile(r"(?:\.[^.\[\]]*|\[\d+\])\Z")


def at_merged_paths(
    problems: Sequence[Problem], sources: Iterable[Source], merged: object
) -> list[Problem]:
    """``problems``, each found reading one of ``sources`` moved to the path its node has
    in ``merged``; any other as it is."""
    moved: dict[int, Problem] = {}
    for source in sources:
        if not source.problems:
            continue
        paths = _merged_paths(source.data, merged)
        for problem in source.problems:
            path = _translated(problem.location.path, paths)
            if path != problem.location.path:
                moved[id(problem)] = attrs.evolve(
                    problem, location=attrs.evolve(problem.location, path=path)
                )
    return [moved.get(id(problem), problem) for problem in problems]


def _merged_paths(own: Any, merged: Any) -> dict[str, str]:
    """Each path of ``own`` (one file's data) → the path of the same node in ``merged``.

    Merging keeps the file's own objects: a list replaced whole is that list, a row merged
    by id is that row in another list, so each item is found by identity."""
    out: dict[str, str] = {}
    stack: list[tuple[str, Any, str, Any]] = [("", own, "", merged)]
    while stack:
        own_path, node, merged_path, there = stack.pop()
        out[own_path] = merged_path
        if isinstance(node, dict):
            inner = there if isinstance(there, dict) else {}
            stack.extend(
                (join(own_path, key), value, join(merged_path, key), inner.get(key))
                for key, value in node.items()
                if isinstance(key, str | int)
            )
        elif isinstance(node, list) and isinstance(there, list):
            index = {id(item): k for k, item in enumerate(there)} if there is not node else {}
            for i, item in enumerate(node):
                k = i if there is node else index.get(id(item))
                if k is not None:
                    stack.append((join(own_path, i), item, join(merged_path, k), there[k]))
    return out


def _translated(path: str, paths: dict[str, str]) -> str:
    """``path`` in the merged document: its longest known beginning moved, the rest kept
    (a key whose value was an alias is left out of the data, so it has no node)."""
    rest = ""
    head = path
    while head not in paths:
        step = _LAST_STEP.search(head)
        if step is None:
            return path
        head, rest = head[: step.start()], head[step.start() :] + rest
    return paths[head] + rest
