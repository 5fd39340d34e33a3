"""Facts a row compares with a number that arrived as text spelling none.

A form sends ``days_late: "3天"`` or ``"3 days"``: the comparison ``days_late >= 3`` cannot
be made, and taking it as false filed the complaint, set its clocks or paid its remedy as if
the parcel were on time, without a word. The unit is not read: ``"3 weeks"`` or ``"3小时"``
is no count of days. So the row's reader refuses, naming the fact, the row and the bare
number to write. Text that is exactly a number (``"3"``) is that number, as every condition
reads it; a word a membership test lists (``in: [3, unknown]``) is that word.

Looked for only where a table or condition already left its fast path (text where a number
was compared raises ``TypeError`` there), so numbers cost nothing more.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

from complaintkit.errors import InvalidInput
from complaintkit.policy.condition_nodes import AllNode, AnyNode, Node, NotNode, TestNode
from complaintkit.policy.facts import Facts
from complaintkit.policy.numeric_text import number_in_text
from complaintkit.policy.operators import Between, Compare, Member, render_value

#: Fields of the case record itself; any other subject is a supplied fact.
RECORD: Final = ("case.", "complaint.", "customer.", "history")
#: A number leading text, with what follows it (``3天``, ``2.5 days``), after NFKC.
_LEADING_NUMBER: Final = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*\S")
#: A number alone, as text typed in full-width digits (U+FF10 to U+FF19) is after NFKC.
_TYPED_NUMBER: Final = re.compile(r"\s*([+-]?[0-9]+(?:\.[0-9]+)?)\s*")


class UnreadNumber(InvalidInput):
    """A fact a row compares as a number is text spelling none; ``label`` is the fact as
    the row names it, ``field`` it under ``facts.`` when it is a supplied fact."""

    def __init__(self, label: str, message: str, root: str = "facts") -> None:
        self.label = label
        super().__init__(label if label.startswith(RECORD) else f"{root}.{label}", message)

    def under(self, root: str) -> UnreadNumber:
        """The same refusal naming a supplied fact under ``root`` (``attributes``)."""
        return UnreadNumber(self.label, self.message, root)


def refuse_unread(row: str, node: Node | None, facts: Facts, *, blank: bool = False) -> None:
    """Raise ``UnreadNumber`` for the first fact ``node`` compares with a number that is
    text spelling none; ``row`` names where the condition is written (``row late``). Blank
    text is a field left empty, false as a missing one, unless ``blank`` refuses it too
    (compensation: ``not (days_late > 5)`` would pay the on-time row for it)."""
    for test in numeric_tests(node):
        value = test.value(facts)
        if type(value) is str and (_unread(test, value) or (blank and not value.strip())):
            compared = f"{row} compares it as a number ({test.describe()})"
            kind = _kind(value)
            written = written_bare(test.label, value)
            raise UnreadNumber(
                test.label, f"is {render_value(value)}, {kind}, and {compared}; {written}"
            )


def numeric_tests(node: Node | None) -> Iterator[TestNode]:
    """Every test under ``node`` that compares its subject with numbers."""
    if isinstance(node, AllNode | AnyNode):
        for child in node.children:
            yield from numeric_tests(child)
    elif isinstance(node, NotNode):
        yield from numeric_tests(node.child)
    elif isinstance(node, TestNode) and _compares_numbers(node):
        yield node


def _compares_numbers(node: TestNode) -> bool:
    test = node.test
    if isinstance(test, Compare):
        return isinstance(test.literal, Decimal)
    return isinstance(test, Between) or (isinstance(test, Member) and test.numbers)


def _unread(test: TestNode, value: str) -> bool:
    """Whether ``value`` is a fact's text the row cannot compare as it means to, blank text
    aside (``refuse_unread``). The complaint's own fields are text whatever a row compares them with (an order id
    ``12345-A``); a word is unequal to every number, so equality and membership refuse
    only a number with a unit, whose number may be meant."""
    if test.label.startswith(RECORD) or not value.strip() or number_in_text(value) is not None:
        return False
    inner = test.test
    if isinstance(inner, Member):
        return value not in inner.values and bool(_typed(value) or _leading(value))
    if isinstance(inner, Compare) and inner.symbol in ("==", "!="):
        return bool(_typed(value) or _leading(value))
    return True


def _kind(value: str) -> str:
    """What the text ``value`` that is no number is, as a refusal names it."""
    if _typed(value):
        return "a number in full-width digits"
    return "a number with a unit" if _leading(value) else "text that is no number"


def written_bare(name: str, value: str) -> str:
    """What to write for the fact ``name`` given as the text ``value`` that is no number:
    the number it types in full width in ASCII (``3`` of ``"\uff13"``), the number leading it
    alone (``3`` of ``"3天"``), or a bare number."""
    if number := _typed(value):
        return f"write {name}: {number}, in ASCII digits"
    if number := _leading(value):
        return f"write {name}: {number}, the number alone, in the unit the row counts"
    return "write it as a bare number"


def _typed(value: str) -> str:
    """The number ``value`` is once typed in ASCII (``3`` of ``"\uff13"``), or ``""``: text
    reading as a number as it is never comes here (``number_in_text``)."""
    typed = _TYPED_NUMBER.fullmatch(unicodedata.normalize("NFKC", value))
    return typed.group(1) if typed is not None else ""


def _leading(value: str) -> str:
    """The number ``value`` begins with, followed by a unit, after NFKC; or ``""``."""
    leading = _LEADING_NUMBER.match(unicodedata.normalize("NFKC", value))
    return leading.group(1) if leading is not None else ""
