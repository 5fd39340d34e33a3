"""Static checks of a compensation table over the category x severity grid.

A row's condition is judged at each grid point with three-valued logic: conditions on
``case.category`` and ``case.severity`` are decided by the point; every other condition
(tier, fault, amount, keywords, history) is *unknown*. From that:

* a grid point where every row is false is a **gap**: no complaint of that category and
  severity can get a remedy (a warning — the policy may mean it);
* under hit policy ``unique``, a point where one row surely matches and another may match is
  an **overlap**: some record matches both (an error, as ``unique`` forbids it).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations, product
from typing import Final

from complaintkit.errors import Problem
from complaintkit.policy.condition_nodes import AllNode, AnyNode, Node, NotNode, TestNode
from complaintkit.policy.conditions import Locate
from complaintkit.policy.row_places import row_place
from complaintkit.policy.tables import Row

CATEGORY: Final = "case.category"
SEVERITY: Final = "case.severity"

#: None is "unknown" in the three-valued logic below.
Truth = bool | None


def judge(node: Node | None, point: dict[str, str]) -> Truth:
    """Whether ``node`` holds at ``point``: True, False, or None when other facts decide."""
    if node is None:
        return True
    if isinstance(node, AllNode | AnyNode):
        return _combine(node, point)
    if isinstance(node, TestNode):
        if node.label not in point:
            return None
        return bool(node.test(point[node.label]))
    if isinstance(node, NotNode):
        inner = judge(node.child, point)
        return None if inner is None else not inner
    return None


def _combine(node: AllNode | AnyNode, point: dict[str, str]) -> Truth:
    values = [judge(child, point) for child in node.children]
    decisive = isinstance(node, AnyNode)  # True decides any(); False decides all()
    if decisive in values:
        return decisive
    return None if None in values else not decisive


def _grid(categories: Sequence[str], severities: Sequence[str]) -> list[dict[str, str]]:
    cats: Sequence[str | None] = categories or [None]
    sevs: Sequence[str | None] = severities or [None]
    points = []
    for category, severity in product(cats, sevs):
        point = {}
        if category is not None:
            point[CATEGORY] = category
        if severity is not None:
            point[SEVERITY] = severity
        points.append(point)
    return points


def _name(point: dict[str, str]) -> str:
    return " x ".join(f"{k.split('.')[1]} {v!r}" for k, v in point.items())


def gaps(
    rows: Sequence[Row],
    path: str,
    locate: Locate,
    categories: Sequence[str],
    severities: Sequence[str],
) -> list[Problem]:
    """A warning for each category x severity that no row can match."""
    if not categories and not severities:
        return []
    missing = [
        _name(point)
        for point in _grid(categories, severities)
        if all(judge(row.condition, point) is False for row in rows)
    ]
    if not missing:
        return []
    return [
        Problem(
            locate(path),
            f"no compensation row covers {', '.join(missing)}",
            "add a row for them, or a default: {remedies: [...]} for everything else",
            severity="warning",
            code="compensation-gap",
        )
    ]


def overlaps(
    rows: Sequence[Row],
    locate: Locate,
    categories: Sequence[str],
    severities: Sequence[str],
) -> list[Problem]:
    """An error for each pair of rows that can both match one record (hit policy unique)."""
    problems = []
    reported: set[tuple[int, int]] = set()
    for point in _grid(categories, severities):
        verdicts = [judge(row.condition, point) for row in rows]
        for i, j in combinations(range(len(rows)), 2):
            a, b = verdicts[i], verdicts[j]
            surely = (a is True and b is not False) or (b is True and a is not False)
            if not surely or (i, j) in reported:
                continue
            reported.add((i, j))
            where = f" (at {_name(point)})" if point else ""
            problems.append(
                Problem(
                    locate(rows[j].path),
                    f"rows {rows[i].id!r} ({row_place(locate, rows[i].path)}) and {rows[j].id!r} "
                    f"({row_place(locate, rows[j].path)}) can both match "
                    f"one case{where}, which hit policy unique forbids",
                    "make the conditions exclusive, or use hit policy first or priority",
                    code="unique-overlap",
                )
            )
    return problems
