"""Target rows a metric can never come from: per metric the first matching row naming it
wins, so below a row that names it for every case (no ``when``, or the identical ``when``)
or for every value the row's ``when`` takes (``==: high`` below ``in: [urgent, high]``,
``>= 5000`` below ``>= 1000``) the metric is dead. Listing the general row before the special one is the natural order to
write an SOP in, and it silently gave every case the general deadline."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from complaintkit.errors import Location, Problem
from complaintkit.policy.condition_nodes import Node
from complaintkit.policy.conditions import Condition
from complaintkit.policy.numeric_shadows import numeric_range
from complaintkit.policy.value_sets import text_values

Locate = Callable[[str], Location]


def shadowed_targets(
    raw_rows: Sequence[Any], conditions: Sequence[Condition | None], locate: Locate
) -> list[Problem]:
    """An error at each metric of a row that an earlier row gives to every case it could
    reach. ``conditions`` are the rows' compiled ``when``; a row whose ``when`` did not
    compile (None, already reported) shadows nothing."""
    every: dict[str, int] = {}  # metric -> the first row naming it without `when`
    same: dict[tuple[Hashable, str], int] = {}  # (condition, metric) -> first such row
    named: dict[str, list[tuple[int, Node]]] = {}  # metric -> the rows naming it, with when
    problems: list[Problem] = []
    for i, (row, condition) in enumerate(zip(raw_rows, conditions, strict=True)):
        if not isinstance(row, Mapping):
            continue
        unconditional = "when" not in row
        if not unconditional and condition is None:
            continue
        for metric in row:
            if metric in ("when", "calendar"):
                continue
            earlier = every.get(metric)
            why = "gives it to every case (it has no when)"
            if earlier is None and condition is not None:
                earlier = same.get((condition.node.key, metric))
                why = "gives it under the identical when"
            if earlier is None and condition is not None:
                earlier, why = _holding(condition.node, named.get(metric, []))
            if earlier is not None:
                problems.append(_problem(locate, i, str(metric), earlier, why))
            elif unconditional:
                every[metric] = i
            elif condition is not None:
                same.setdefault((condition.node.key, metric), i)
                named.setdefault(metric, []).append((i, condition.node))
    return problems


def _holding(node: Node, earlier: Sequence[tuple[int, Node]]) -> tuple[int | None, str]:
    """The first earlier row whose ``when`` takes every value ``node`` takes (texts one
    field is one of, or a numeric range on it), and why; (None, "") if none."""
    texts, span = text_values(node), numeric_range(node)
    for row, other in earlier:
        if texts is not None and texts[1] and (theirs := text_values(other)) is not None:
            held = texts[0] == theirs[0] and texts[1] <= theirs[1]
        elif span is not None and (range_ := numeric_range(other)) is not None:
            held = span[0] == range_[0] and range_[1] <= span[1] and span[2] <= range_[2]
        else:
            held = False
        if held:
            return row, (
                f"gives it for every value this row's when takes ({node.describe()} lies "
                f"within {other.describe()})"
            )
    return None, ""


def _problem(locate: Locate, row: int, metric: str, earlier: int, why: str) -> Problem:
    where = locate(f"sla.targets[{earlier}]")
    at = f"{where.file}:{where.line}" if where.line is not None else where.file
    return Problem(
        locate(f"sla.targets[{row}].{metric}"),
        f"{metric} here never applies: sla.targets[{earlier}] ({at}) {why} and is read "
        "first (per metric, the first matching row naming it wins)",
        f"move this row before sla.targets[{earlier}], or remove {metric} from it",
        code="shadowed-target",
    )
