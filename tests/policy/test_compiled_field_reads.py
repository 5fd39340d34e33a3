"""A compiled condition reads a field as the node tree does, whatever holds it.

The compiled function reads a dict's key with ``get`` (a missing key, as a case with no tags
yet, raises nothing) and anything else — a read-only view of a case's outcome, a list, a
number — by subscript; a missing or null value at any step is no value.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts

_LEAVES = st.one_of(st.none(), st.integers(-2, 2), st.sampled_from(["b", "c", "", "x"]))


def _holders(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    keyed = st.dictionaries(st.sampled_from(["b", "c", "d"]), children, max_size=3)
    return st.one_of(
        keyed,
        keyed.map(MappingProxyType),
        st.lists(children, max_size=2),
    )


_VALUES = st.recursive(_LEAVES, _holders, max_leaves=8)

CONDITIONS = [
    {"field": "a.b.c", "exists": True},
    {"field": "a.b.c", "==": 1},
    {"field": "a.b", "contains": "c"},
    {"any": [{"field": "a.b.c", "exists": False}, {"field": "a.c", "in": ["b", "x"]}]},
]


@given(
    st.dictionaries(st.sampled_from(["a", "b"]), _VALUES, max_size=2), st.sampled_from(CONDITIONS)
)
def test_the_compiled_condition_answers_as_the_node_tree(data: dict[str, Any], when: Any) -> None:
    condition = compile_condition(when)
    facts = Facts(data)
    assert condition(facts) is bool(condition.node(Facts(data)))


def test_a_key_a_read_only_view_lacks_is_no_value() -> None:
    condition = compile_condition({"field": "case.tags", "exists": False})
    assert condition(Facts({"case": MappingProxyType({"category": "product"})}))
    assert not condition(Facts({"case": MappingProxyType({"tags": ("billing",)})}))
