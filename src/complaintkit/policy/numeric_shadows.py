"""Rows a numeric row before them always beats: ``amount >= 100`` after ``amount >= 50``.

Under hit policies ``first`` and ``priority`` a row whose condition is a numeric range on one
field (``<``, ``<=``, ``>``, ``>=``, ``==`` a number, ``between``, or ``all`` of those on that
field) can never match when a row tried before it holds a range on the same field that
contains its own: every value the later row takes, the earlier one takes first. Both tests
read a value the same way (text spelling a number as that number, true no number, a
missing fact matching neither), so containment of the ranges is containment of what they
match. A bare number in a policy with no currency holds an amount in any currency, so it
contains the same field held to one (``>= 500`` holds ``>= "1000 JPY"``). Only such pure
conditions are compared; anything else (another field beside, a plugin's
operator, ``any``, ``not``) is left alone, so what is said is certain.

Ranges are kept per field as an antichain (none holds another), sorted by lower bound, so
their upper bounds rise too: whether a row is held is a bisection, so a table of thousands
of numeric rows is checked in about n log n; only for a row held are the earlier ranges read
in order, to name the first row that holds it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from complaintkit.policy.condition_nodes import AllNode, Node, TestNode
from complaintkit.policy.currency_nodes import CurrencyTestNode
from complaintkit.policy.operators import Between, Compare

if TYPE_CHECKING:
    from complaintkit.policy.tables import Row

#: A bound: the number and, for a lower bound, 0 closed / 1 open (a higher key starts later);
#: for an upper bound, 1 closed / 0 open (a higher key ends later).
Bound = tuple[Decimal, int]
_NONE_BELOW: Bound = (Decimal("-Infinity"), 0)
_NONE_ABOVE: Bound = (Decimal("Infinity"), 1)


def numeric_shadows(rows: Sequence[Row]) -> Iterator[tuple[Row, Row, str]]:
    """Each row (in ``rows``' order, the order they are tried in) whose numeric range an
    earlier row's contains: (later, earlier, why)."""
    fields: dict[str, _Antichain] = {}
    for row in rows:
        found = numeric_range(row.condition)
        if found is None:
            continue
        label, low, high = found
        if is_empty(low, high):
            continue  # matches nothing: that is another check's to say
        chain = fields.setdefault(label, _Antichain())
        earlier = chain.holder(low, high)
        field, held, _ = label.partition(" in ")
        if earlier is None and held and field in fields:  # a bare number: in any currency
            earlier = fields[field].holder(low, high)
        if earlier is not None:
            assert row.condition is not None
            assert earlier.condition is not None
            yield (
                row,
                earlier,
                f"matches every value it matches ({row.condition.describe()} lies within "
                f"{earlier.condition.describe()})",
            )
        else:
            chain.add(low, high, row)


class _Antichain:
    """Ranges none of which holds another, by rising lower (and so upper) bound."""

    def __init__(self) -> None:
        self.lows: list[Bound] = []
        self.highs: list[Bound] = []
        self.rows: list[Row] = []
        #: every range added, in the order tried
        self.every: list[tuple[Bound, Bound, Row]] = []

    def holder(self, low: Bound, high: Bound) -> Row | None:
        """The first row, in the order tried, whose range holds [low, high], if any."""
        last = bisect_right(self.lows, low)  # ranges starting at or before low
        first = bisect_left(self.highs, high, hi=last)  # of those, ending at or after high
        if first == last:
            return None
        # one is held: the first such row may be one a wider later range dropped from the
        # antichain, so the rows are read in order (as far as the first holder)
        return next(r for lo, hi, r in self.every if lo <= low and high <= hi)

    def add(self, low: Bound, high: Bound, row: Row) -> None:
        """Keep [low, high] (held by none kept), dropping the ranges it holds."""
        start = bisect_left(self.lows, low)
        end = bisect_right(self.highs, high, lo=start)
        self.lows[start:end] = [low]
        self.highs[start:end] = [high]
        self.rows[start:end] = [row]
        self.every.append((low, high, row))


def is_empty(low: Bound, high: Bound) -> bool:
    """Whether no number lies between ``low`` and ``high``."""
    return low > high or (low[0] == high[0] and (low[1], high[1]) != (0, 1))


def numeric_range(condition: Node | None) -> tuple[str, Bound, Bound] | None:
    """The field (with its currency, for money) and range of a condition that is only
    numeric bounds on one field."""
    tests = condition.children if isinstance(condition, AllNode) else [condition]
    label: str | None = None
    low, high = _NONE_BELOW, _NONE_ABOVE
    for test in tests:
        if not isinstance(test, TestNode) or (label is not None and _scale(test) != label):
            return None
        bounds = _bounds(test.test)
        if bounds is None:
            return None
        label = _scale(test)
        low, high = max(low, bounds[0]), min(high, bounds[1])
    return None if label is None else (label, low, high)


def _scale(test: TestNode) -> str:
    """What a test's numbers measure: its field, and the currency an amount is held to
    (1000 JPY does not lie within 500 CNY and up)."""
    if isinstance(test, CurrencyTestNode):
        return f"{test.label} in {test.currency}"
    return test.label


def _bounds(test: object) -> tuple[Bound, Bound] | None:
    if isinstance(test, Between):
        return (test.low, 0), (test.high, 1)
    if not isinstance(test, Compare) or not isinstance(test.literal, Decimal):
        return None
    value = test.literal
    return {
        "==": ((value, 0), (value, 1)),
        ">=": ((value, 0), _NONE_ABOVE),
        ">": ((value, 1), _NONE_ABOVE),
        "<=": (_NONE_BELOW, (value, 1)),
        "<": (_NONE_BELOW, (value, 0)),
    }.get(test.symbol)
