"""Tables longer than one compiled function holds (codegen.CHUNK_ROWS rows) are compiled
in parts; they select exactly the rows a short table would, lazy answers and the exact
fallback for a value of an unexpected type included."""

from __future__ import annotations

from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.policy.codegen import CHUNK_ROWS
from complaintkit.policy.facts import Facts
from complaintkit.policy.keywords import KeywordIndexBuilder
from complaintkit.policy.tables import RuleTable, compile_table

ROWS = 2 * CHUNK_ROWS + 7


def _when(i: int) -> dict[str, object]:
    """Row ``i``'s condition: a comparison, a keyword (one scan shared by all such rows)
    or a substring test (one text group shared by all such rows)."""
    if i % 3 == 0:
        return {"field": "x.n", ">=": ROWS - i}
    if i % 3 == 1:
        return {"keywords": [f"w{i}x"]}
    return {"field": "complaint.text", "contains": f"c{i}z"}


def _matches(i: int, n: object, text: str) -> bool:
    if i % 3 == 0:
        return int(str(n)) >= ROWS - i
    if i % 3 == 1:
        return f"w{i}x" in text.split()
    return f"c{i}z" in text


@cache
def _table(hit_policy: str) -> RuleTable:
    rules = [{"id": f"r{i}", "when": _when(i), "then": {"row": i}} for i in range(ROWS)]
    keywords = KeywordIndexBuilder()
    table = compile_table({"hit_policy": hit_policy, "rules": rules}, "t", keywords=keywords)
    keywords.build()
    return table


_WORDS = st.sampled_from(range(ROWS)).map(lambda i: f"w{i}x" if i % 3 == 1 else f"c{i}z")
_TEXT = st.lists(_WORDS, max_size=4).map(" ".join)
#: a number written as text makes ``>=`` raise TypeError in the compiled code; the node
#: tree then answers, and reads it as the number
_N = st.one_of(st.integers(-1, ROWS + 1), st.integers(-1, ROWS + 1).map(str))


@given(_N, _TEXT, st.sampled_from(["first", "collect"]))
def test_a_long_table_selects_the_rows_whose_conditions_hold(
    n: object, text: str, hit_policy: str
) -> None:
    facts = Facts({"x": {"n": n}, "complaint": {"text": text}})
    expected = [i for i in range(ROWS) if _matches(i, n, text)]
    rows = [row.index for row in _table(hit_policy).evaluate(facts).rows]
    assert rows == (expected[:1] if hit_policy == "first" else expected)


def test_rows_in_later_parts_are_found() -> None:
    last = ROWS - 1 if (ROWS - 1) % 3 else ROWS - 2
    facts = Facts({"x": {"n": -5}, "complaint": {"text": _word(last)}})
    assert [row.index for row in _table("first").evaluate(facts).rows] == [last]
    both = Facts({"x": {"n": -5}, "complaint": {"text": f"{_word(4)} {_word(last)}"}})
    assert [row.index for row in _table("collect").evaluate(both).rows] == [4, last]


def _word(i: int) -> str:
    return f"w{i}x" if i % 3 == 1 else f"c{i}z"
