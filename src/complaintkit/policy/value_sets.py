"""Rows asking whether one field is one of some texts: ``in: [gold, vip]``, ``==: gold``.

A row whose condition is only ``==`` a text or ``in`` a list of texts on one field (or
``all`` of those on it) matches exactly the values its set holds: text is compared as
written, and a missing fact matches none. So a later row whose set lies within an earlier
row's never matches under hit policies ``first`` and ``priority``, and two rows sharing a
value both match it, which ``unique`` forbids. A number, true or false among the values
is left alone (text spelling a number is read as it), as is any other condition.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from complaintkit.policy.as_written import as_written
from complaintkit.policy.condition_nodes import AllNode, Node, TestNode
from complaintkit.policy.operators import Compare, Member

if TYPE_CHECKING:
    from complaintkit.policy.tables import Row


def value_shadows(rows: Sequence[Row]) -> Iterator[tuple[Row, Row, str]]:
    """Each row (in the order tried) every value of which rows before it take: (later,
    earlier, why), ``earlier`` the first of them tried, the others named with it."""
    taken: dict[tuple[str, str], Row] = {}  # (field, value) -> the first row taking it
    tried = {row.index: n for n, row in enumerate(rows)}
    for row in rows:
        found = text_values(row.condition)
        if found is None or not found[1]:
            continue
        label, values = found
        owners = [taken.get((label, value)) for value in values]
        if all(owners):
            by = sorted(
                {o.index: o for o in owners if o is not None}.values(), key=lambda o: tried[o.index]
            )
            yield row, by[0], _why(row, by)
            continue
        for value in values:
            taken.setdefault((label, value), row)


def _why(row: Row, by: Sequence[Row]) -> str:
    assert row.condition is not None
    assert by[0].condition is not None
    if len(by) == 1:
        within = f"{row.condition.describe()} lies within {by[0].condition.describe()}"
        return f"matches every value it matches ({within})"
    others = ", ".join(f"row {as_written(o.id)}" for o in by[1:])
    return (
        f"together with {others} matches every value it matches "
        f"({row.condition.describe()}, between them)"
    )


def value_overlaps(rows: Sequence[Row]) -> Iterator[tuple[Row, Row, str]]:
    """Pairs of rows (earlier, later) sharing a value, each with the field and that value
    (``customer.tier 'vip'``); each later row is named once, with the first it meets."""
    first: dict[tuple[str, str], Row] = {}
    for row in rows:
        found = text_values(row.condition)
        if found is None:
            continue
        label, values = found
        shared = sorted(v for v in values if (label, v) in first)
        if shared:
            yield first[(label, shared[0])], row, f"{label} {shared[0]!r}"
        for value in values:
            first.setdefault((label, value), row)


def text_values(condition: Node | None) -> tuple[str, frozenset[str]] | None:
    """The field and the texts a condition that is only ``==``/``in`` texts on one field
    is true for."""
    tests = condition.children if isinstance(condition, AllNode) else [condition]
    label: str | None = None
    values: frozenset[str] | None = None
    for test in tests:
        if not isinstance(test, TestNode) or (label is not None and test.label != label):
            return None
        mine = _texts(test.test)
        if mine is None:
            return None
        label, values = test.label, mine if values is None else values & mine
    return None if label is None or values is None else (label, values)


def _texts(test: object) -> frozenset[str] | None:
    if isinstance(test, Compare) and test.symbol == "==" and type(test.literal) is str:
        return frozenset({test.literal})
    if not isinstance(test, Member) or test.negate or test.flags or test.numbers:
        return None
    texts = all(type(v) is str for v in test.values)
    return frozenset(str(v) for v in test.values) if texts else None
