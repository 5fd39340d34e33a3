"""Two parents of one policy that set the same value or rule row differently.

``extends: [a.yaml, b.yaml]`` merges b over a, so where both define row ``food`` (major
vs minor) b's silently wins — and nobody asked for that. Such a clash is an error naming
both places, unless the child says which parent wins with ``precedence: [b.yaml, a.yaml]``.
A child overriding its parent is not a clash: that is what extending is for.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import attrs

from complaintkit.errors import Location, Problem
from complaintkit.policy.as_written import as_written, got
from complaintkit.policy.located import Located
from complaintkit.policy.source import join

#: Top-level keys that describe a file rather than set policy; parents always differ there.
METADATA: Final = frozenset({"$schema", "name", "version", "description"})


def clashes(
    base: Any, base_tree: Located, over: Any, over_tree: Located, path: str = ""
) -> Iterator[tuple[str, Location, Location]]:
    """``(path, base location, over location)`` wherever both set something different."""
    if isinstance(base, Mapping) and isinstance(over, Mapping):
        for key in base.keys() & over.keys():
            if not path and key in METADATA:
                continue
            yield from clashes(
                base[key],
                base_tree.children.get(key, base_tree),
                over[key],
                over_tree.children.get(key, over_tree),
                join(path, key),
            )
        return
    base_rows, over_rows = _rows(base), _rows(over)
    if base_rows is not None and over_rows is not None:
        for row_id in base_rows.keys() & over_rows.keys():
            i, row = base_rows[row_id]
            j, other = over_rows[row_id]
            if row != other:
                yield (
                    f"{path}[{i}] (row {as_written(row_id)})",
                    base_tree.children.get(i, base_tree).location,
                    over_tree.children.get(j, over_tree).location,
                )
        return
    if base != over:
        yield path, base_tree.location, over_tree.location


def _rows(value: object) -> dict[object, tuple[int, Any]] | None:
    if isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value):
        return {item["id"]: (i, item) for i, item in enumerate(value)}
    return None


def clash_problems(
    names: Sequence[str], parents: Sequence[tuple[Any, Located]], child: Location
) -> list[Problem]:
    """Every clash between ``parents`` (in extends order), reported at the later one."""
    problems = []
    for later in range(1, len(parents)):
        for earlier in range(later):
            for path, first, second in clashes(*parents[earlier], *parents[later]):
                problems.append(
                    Problem(
                        second,
                        f"{names[earlier]} and {names[later]} both set {path} differently "
                        f"({first.file}:{first.line}:{first.column} and "
                        f"{second.file}:{second.line}:{second.column}); "
                        f"{names[later]} would silently win",
                        f"say which wins in {child.file}: precedence: "
                        f"[{names[later]}, {names[earlier]}], or set {path} there yourself",
                        code="extends-conflict",
                    )
                )
    return problems


def unusable_order(order: object, names: Sequence[str], spot: Location) -> Problem | None:
    """An error at ``precedence:`` when it is no list of names (``precedence: b.yaml``,
    ``[]``): never merged, it would be dropped without a word, the clash it was meant to
    settle then reported as unsettled. ``names`` are the extends names, as written."""
    if isinstance(order, list) and order and all(isinstance(n, str) for n in order):
        return None
    first = [order] if isinstance(order, str) and order in names else []
    meant = [*first, *(n for n in reversed(names) if n not in first)]
    return Problem(
        attrs.evolve(spot, path="precedence"),
        "precedence must be a list of the names under extends, the one that wins first "
        f"(got {got(order)})",
        f"write precedence: [{', '.join(meant)}]",
        code="precedence",
    )
