"""Facts a compensation row compares with a number that arrived as text that is none.

A form sends ``days_late: "3天"`` or ``"3 days"``: the comparison ``days_late >= 3`` cannot
be made, and taking it as false paid the default (an apology) as if the parcel were on time,
without a word. The unit is not read: ``"3 weeks"`` or ``"3小时"`` is no count of days. So
the decision is refused naming the fact, the row and the bare number to write. Text that is
exactly a number (``"3"``) is that number, as every condition reads it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Final

from complaintkit.errors import InvalidInput
from complaintkit.policy.condition_nodes import AllNode, AnyNode, Node, NotNode, TestNode
from complaintkit.policy.facts import Facts
from complaintkit.policy.numeric_text import number_in_text
from complaintkit.policy.operators import Between, Compare, Member, render_value
from complaintkit.policy.tables import Row

#: Fields of the case record itself; any other subject is a supplied fact.
_RECORD: Final = ("case.", "complaint.", "customer.", "history")
#: A number leading text, with what follows it (``3天``, ``2.5 days``), after NFKC.
_LEADING_NUMBER: Final = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*\S")


def refuse_unread_numbers(rows: Sequence[Row], hit_policy: str, facts: Facts) -> None:
    """Raise ``InvalidInput`` for the first fact that a row deciding the table compares with
    a number but that is text spelling none (under hit policy first, the rows up to the
    first that matches: later ones are never read)."""
    for row in rows:
        for test in _numeric_tests(row.condition):
            value = test.value(facts)
            if type(value) is str and number_in_text(value) is None:
                raise InvalidInput(_field(test.label), _message(row, test, value))
        if hit_policy == "first" and (row.condition is None or row.condition(facts)):
            return


def _numeric_tests(node: Node | None) -> Iterator[TestNode]:
    """Every test under ``node`` that compares its subject with numbers."""
    if isinstance(node, AllNode | AnyNode):
        for child in node.children:
            yield from _numeric_tests(child)
    elif isinstance(node, NotNode):
        yield from _numeric_tests(node.child)
    elif isinstance(node, TestNode) and _compares_numbers(node):
        yield node


def _compares_numbers(node: TestNode) -> bool:
    test = node.test
    if isinstance(test, Compare):
        return isinstance(test.literal, Decimal)
    return isinstance(test, Between) or (isinstance(test, Member) and test.numbers)


def _field(label: str) -> str:
    return label if label.startswith(_RECORD) else f"facts.{label}"


def _message(row: Row, test: TestNode, value: str) -> str:
    compared = f"row {row.id} compares it as a number ({test.describe()})"
    kind = "a number with a unit" if _leading(value) else "text that is no number"
    return f"is {render_value(value)}, {kind}, and {compared}; {written_bare(test.label, value)}"


def written_bare(name: str, value: str) -> str:
    """What to write for the fact ``name`` given as the text ``value`` that is no number:
    the number leading it alone (``3`` of ``"3天"``), or a bare number."""
    if number := _leading(value):
        return f"write {name}: {number}, the number alone, in the unit the row counts"
    return "write it as a bare number"


def _leading(value: str) -> str:
    """The number ``value`` begins with, followed by a unit, after NFKC; or ``""``."""
    leading = _LEADING_NUMBER.match(unicodedata.normalize("NFKC", value))
    return leading.group(1) if leading is not None else ""
