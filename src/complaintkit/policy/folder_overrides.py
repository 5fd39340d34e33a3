"""Values two files of one policy folder set differently.

A folder's files merge in name order like a chain of ``extends``, so a later file's value
replaces an earlier one's. Between a policy and what it extends that is the point; between
peers in a folder it is mostly an accident (a rule copied into two files, a team's owner
changed in the wrong one), and the file whose value is lost is not the one an author
reads. Each such value is a warning naming both files; the merge itself is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from complaintkit.errors import Location, Problem
from complaintkit.policy.as_written import as_written
from complaintkit.policy.merge import row_ids
from complaintkit.policy.source import Located, join


@attrs.define
class PeerSettings:
    """What the folder's files read so far set, by setting, with where it was set."""

    _seen: dict[str, tuple[Any, Location]] = attrs.field(factory=dict)

    def add(self, data: dict[str, Any], tree: Located) -> list[Problem]:
        """Warnings for what ``data`` (the next file) sets differently, then remember it."""
        found = []
        for key, what, value, where in _settings(data, tree, ""):
            first = self._seen.get(key)
            if first is not None and first[0] != value:
                found.append(_warning(what, where, first[1]))
            self._seen[key] = (value, where)
        return found


def _settings(data: Any, tree: Located, path: str) -> Iterator[tuple[str, str, Any, Location]]:
    """``(setting, what it is, value, location)`` of each value ``data`` sets: mappings
    key by key, rule rows (mappings with an ``id``) by id, anything else whole."""
    if isinstance(data, dict) and data:
        for key, value in data.items():
            child = tree.children.get(key, tree)
            yield from _settings(value, child, join(path, key))
        return
    ids = row_ids(data)
    if ids is None:
        where = attrs.evolve(tree.location, path=path)
        yield path, path, data, where
        return
    for index, (row_id, row) in enumerate(zip(ids, data, strict=True)):
        child = tree.children.get(index, tree)
        where = attrs.evolve(child.location, path=join(path, index))
        yield f"{path}[id={row_id}]", f"{path} row {as_written(row_id)}", row, where


def _warning(what: str, where: Location, first: Location) -> Problem:
    return Problem(
        where,
        f"{what} is also set in {first.file}:{first.line}:{first.column}; this file comes "
        "later in name order, so its value replaces that one",
        "set it in one file of the folder only (a deliberate override belongs in a policy "
        "that extends this folder)",
        severity="warning",
        code="folder-override",
    )
