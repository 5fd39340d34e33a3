"""Values two files of one policy folder set differently.

A folder's files merge in name order like a chain of ``extends``, so a later file's value
replaces an earlier one's. Between a policy and what it extends that is the point; between
peers in a folder it is mostly an accident (a rule copied into two files, a team's owner
changed in the wrong one), and the file whose value is lost is not the one an author
reads. Each such value is a warning naming both files; the merge itself is unchanged.
A value of another shape (text where a mapping was, a list where rule rows were) replaces
the earlier one whole, everything below it included, so it is a warning too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import attrs

from complaintkit.errors import Location, Problem
from complaintkit.model.jsonvalues import json_kind
from complaintkit.policy.as_written import as_written
from complaintkit.policy.located import Located
from complaintkit.policy.merge import row_ids
from complaintkit.policy.source import join

#: A node as the merge treats it: merged key by key, merged by id, one of the rows merged
#: by id, or replaced whole.
Shape = Literal["mapping", "rows", "row", "value"]


@attrs.frozen
class _Node:
    shape: Shape
    #: what the merge compares: the value or row itself; None for mappings and rows
    value: Any
    where: Location


@attrs.define
class PeerSettings:
    """What the folder's files read so far set, by setting, with where it was set."""

    _seen: dict[str, _Node] = attrs.field(factory=dict)

    def add(self, data: dict[str, Any], tree: Located) -> list[Problem]:
        """Warnings for what ``data`` (the next file) sets differently, then remember it."""
        found = []
        for key, what, node in _nodes(data, tree, ""):
            first = self._seen.get(key)
            if first is None or (first.shape in ("mapping", "rows") and first.shape == node.shape):
                self._seen[key] = node
            elif first.shape == node.shape:
                if first.value != node.value:
                    found.append(_warning(what, node.where, first.where))
                self._seen[key] = node
            elif first.shape == "mapping" and node.value == {}:
                continue  # an empty mapping merged onto a mapping leaves it as it was
            else:
                if first.value not in ({}, []):  # replacing nothing empty loses nothing
                    found.append(_reshaped(what, node, first))
                self._forget_below(key)
                self._seen[key] = node
        return found

    def _forget_below(self, key: str) -> None:
        """Drop what was set below ``key``: a value of another shape replaced it all."""
        for seen in [k for k in self._seen if k.startswith((f"{key}.", f"{key}["))]:
            del self._seen[seen]


def _nodes(data: Any, tree: Located, path: str) -> Iterator[tuple[str, str, _Node]]:
    """``(setting, what it is, node)`` of each node ``data`` sets: mappings key by key,
    rule rows (mappings with an ``id``) by id, anything else whole."""
    where = attrs.evolve(tree.location, path=path)
    if isinstance(data, dict) and data:
        yield path, path, _Node("mapping", None, where)
        for key, value in data.items():
            child = tree.children.get(key, tree)
            yield from _nodes(value, child, join(path, key))
        return
    ids = row_ids(data)
    if ids is None:
        yield path, path, _Node("value", data, where)
        return
    yield path, path, _Node("rows", None, where)
    for index, (row_id, row) in enumerate(zip(ids, data, strict=True)):
        child = tree.children.get(index, tree)
        here = attrs.evolve(child.location, path=join(path, index))
        yield f"{path}[id={row_id}]", f"{path} row {as_written(row_id)}", _Node("row", row, here)


def _warning(what: str, where: Location, first: Location) -> Problem:
    return _problem(
        where,
        f"{what} is also set in {_at(first)}; this file comes later in name order, so its "
        "value replaces that one",
    )


def _reshaped(what: str, node: _Node, first: _Node) -> Problem:
    return _problem(
        node.where,
        f"{what} is {_kind(node)} here but {_kind(first)} in {_at(first.where)}; this file "
        "comes later in name order, so its value replaces that one whole, with all it holds",
    )


def _problem(where: Location, message: str) -> Problem:
    return Problem(
        where,
        message,
        "set it in one file of the folder only (a deliberate override belongs in a policy "
        "that extends this folder)",
        severity="warning",
        code="folder-override",
    )


def _at(where: Location) -> str:
    return f"{where.file}:{where.line}:{where.column}"


def _kind(node: _Node) -> str:
    """The node's shape in a YAML author's words."""
    if node.shape == "rows":
        return "a list of rows with ids"
    if node.shape == "mapping" or isinstance(node.value, dict):
        return "a mapping"
    return json_kind(node.value)
