"""Which tables read nothing but the outcome so far (``case.*``), so decide the same for
every complaint reaching one outcome.

A routing table sending ``case.category: product`` to quality reads no fact of the
complaint: its rows select the same for every complaint classified alike, so the assessor
works its decision out once per outcome (:class:`~complaintkit.policy.assess.Assessor`)
rather than per complaint. Only built-in tests qualify: a plugin's test may answer
otherwise the next time it is asked, and a history fact is the customer's.
"""

from __future__ import annotations

from complaintkit.policy.condition_nodes import AllNode, AnyNode, Node, NotNode, TestNode
from complaintkit.policy.operators import BuiltinTest
from complaintkit.policy.tables import RuleTable

#: The root of the fields holding the outcome so far.
_OUTCOME = "case."


def reads_outcome_only(table: RuleTable) -> bool:
    """Whether every row of ``table`` tests only ``case.*`` fields, with built-in tests."""
    return all(row.condition is None or _outcome_only(row.condition) for row in table.rows)


def _outcome_only(node: Node) -> bool:
    if type(node) is AllNode or type(node) is AnyNode:
        return all(map(_outcome_only, node.children))
    if type(node) is NotNode:
        return _outcome_only(node.child)
    if type(node) is TestNode:
        return node.label.startswith(_OUTCOME) and isinstance(node.test, BuiltinTest)
    return False  # a keyword scan, an amount, a node of a kind not known here
