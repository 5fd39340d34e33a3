"""Facts a compensation row would pay as money that arrived as none.

A row reading a fact only when it is money (``{field: loss, money: true}``, 消费者权益保护法
第五十五条's loss beside the treble damages) does not match a loss recorded as ``200``,
``"200元"`` or ``true``: no currency, so nothing to pay. The case is still decided (the next
row pays what it can), and the decision names the fact, the row it kept from paying and how
to write it, so the loss is not dropped without a word.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from complaintkit.compensation.factor_hints import written_money
from complaintkit.policy.condition_nodes import AllNode, AnyNode, Node, TestNode
from complaintkit.policy.facts import MISSING, Facts
from complaintkit.policy.numeric_text import as_number, number_in_text
from complaintkit.policy.operators import IsMoney, render_value
from complaintkit.policy.tables import Row


@attrs.frozen
class UnreadFact:
    """A fact a row would have paid had it been money: where, and what to write."""

    field: str
    row: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "row": self.row, "message": self.message}


def unread_money(
    rows: Sequence[Row], hit_policy: str, facts: Facts, currency: str
) -> tuple[UnreadFact, ...]:
    """Each fact that alone kept a row from matching because it is no money (under hit
    policy first, the rows before the first that matched: later ones are never read)."""
    unread: list[UnreadFact] = []
    for row in rows:
        if row.condition is None or row.condition(facts):
            if hit_policy == "first":
                break
            continue
        for test in _money_tests(row.condition):
            value = test.value(facts)
            if value is not MISSING and not test(facts) and _holds_but(row.condition, test, facts):
                unread.append(
                    UnreadFact(f"facts.{test.label}", row.id, _said(row, test, value, currency))
                )
    return tuple(unread)


def _money_tests(node: Node) -> Iterator[TestNode]:
    """The ``money: true`` tests ``node`` needs to hold (not those under a ``not``)."""
    if isinstance(node, AllNode | AnyNode):
        for child in node.children:
            yield from _money_tests(child)
    elif isinstance(node, TestNode) and isinstance(node.test, IsMoney) and node.test.wanted:
        yield node


def _holds_but(node: Node, money: TestNode, facts: Facts) -> bool:
    """Whether ``node`` would hold were the test ``money`` met."""
    if node is money:
        return True
    if isinstance(node, AllNode):
        return all(_holds_but(child, money, facts) for child in node.children)
    if isinstance(node, AnyNode):
        return any(_holds_but(child, money, facts) for child in node.children)
    return node(facts)


def _said(row: Row, test: TestNode, value: object, currency: str) -> str:
    name = test.label
    bare = _bare_number(value)
    what = "has no currency" if bare is not None else "is no amount of money"
    amount = bare or _written_amount(value) or "…"
    return (
        f"{name} {render_value(value)} {what}, so row {row.id} did not pay it; "
        f"write {name}: {{amount: {amount}, currency: {currency}}}"
    )


def _bare_number(value: object) -> str | None:
    """The number ``value`` is, written without a currency (``200``, ``"200"``)."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return render_value(as_number(value))
    if isinstance(value, str) and (read := number_in_text(value)) is not None:
        return render_value(read)
    return None


def _written_amount(value: object) -> str | None:
    """The amount of text written as money (``"200元"``: 200), else None."""
    written = written_money(value)
    return None if written is None or written[1] == "%" else written[0]
