"""Where each node of a policy file came from: a :class:`Located` tree mirroring the data
(mapping keys point at the key, list items at the item), and the flat map of dotted paths
to locations that rule tables and the condition compiler look problems up in."""

from __future__ import annotations

import attrs

from complaintkit.errors import Location
from complaintkit.policy.data_paths import join


@attrs.define
class Located:
    """Where one node came from and where its children came from."""

    location: Location
    children: dict[str | int, Located] = attrs.field(factory=dict)


def flatten(tree: Located, path: str = "") -> dict[str, Location]:
    """Every node's path → its location (paths filled in)."""
    return {
        here: Location(where.file, where.line, where.column, here)  # cheaper than attrs.evolve
        for here, where in node_locations(tree, path).items()
    }


def node_locations(tree: Located, path: str = "") -> dict[str, Location]:
    """Every node's path → its location as read, its path not filled in: for a large
    policy, of which only the few places asked about need one (see Document.locate)."""
    out: dict[str, Location] = {}
    stack = [(path, tree)]
    while stack:
        here, node = stack.pop()
        out[here] = node.location
        stack.extend((join(here, key), child) for key, child in node.children.items())
    return out
