"""The keyword-shadow check is near-linear in rows sharing a keyword, and finds what the
straightforward comparison of every pair finds.

Found measuring: each row's keywords were looked up against every earlier row holding one of
its substrings, so 4,000 rows each with 坏 and a word of their own (``[坏, 词17号]``) took
11.8 s of ``implied_shadows`` alone (2,000: 1.5 s). Candidates now come from the rarest
keyword of the later row, kept by the fields searched, tried in row order. The reference
below is the plain definition, every later row against every earlier one; generated tables
(and one large one) must give the same pairs.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.policy.chinese_forms import spellings
from complaintkit.policy.condition_nodes import AnyNode, KeywordNode
from complaintkit.policy.implied_rows import implied_shadows
from complaintkit.policy.tables import Row, compile_table

_LONGEST, _SHORT = 64, 12


def _conditions(row: Row) -> list[KeywordNode] | None:
    if isinstance(row.condition, KeywordNode):
        return [row.condition]
    if isinstance(row.condition, AnyNode) and all(
        isinstance(c, KeywordNode) for c in row.condition.children
    ):
        return [c for c in row.condition.children if isinstance(c, KeywordNode)]
    return None


def _holds(
    found: list[tuple[str, frozenset[str], str]], spelling: str, fields: frozenset[str]
) -> str | None:
    """The earlier keyword named: the first by where it starts in ``spelling``, then by its
    length, then as the earlier row wrote them."""
    parts = [spelling[a:b] for a in range(len(spelling)) for b in range(a + 1, len(spelling) + 1)]
    return next((t for p in parts for s, seen, t in found if s == p and fields <= seen), None)


def _reference(rows: Sequence[Row]) -> Iterator[tuple[int, int, str, str]]:
    """Every later row against every earlier one kept, as the docs define a shadow."""
    kept: list[tuple[Row, list[tuple[str, frozenset[str], str]]]] = []
    for row in rows:
        conditions = _conditions(row)
        if conditions is None:
            continue
        sought = [
            (k, frozenset(c.keywords.fields)) for c in conditions for k in c.keywords.keywords
        ]
        for earlier, found in kept:
            if all(
                len(s) <= _LONGEST and _holds(found, s, f) is not None
                for k, f in sought
                for s in spellings(k.text)
            ):
                first, fields = sought[0]
                named = _holds(found, spellings(first.text)[0], fields)
                assert named is not None
                yield row.index, earlier.index, first.text, named
                break
        else:
            kept.append(
                (
                    row,
                    [
                        (s, f, k.text)
                        for k, f in sought
                        if k.bounds == 0 and not k.exclude and len(k.text) <= _SHORT
                        for s in spellings(k.text)
                    ],
                )
            )


def _rows(conditions: list[object]) -> tuple[Row, ...]:
    rules = [{"id": f"r{i}", "when": c, "then": {"p": i}} for i, c in enumerate(conditions)]
    # collect: no shadow check of its own, so a table full of shadows still compiles
    return compile_table({"hit_policy": "collect", "rules": rules, "default": {}}, "t").rows


_WORDS = ["坏", "坏了", "烂", "變質", "变质了", "破", "破坏", "late", "坏掉", "烂了吧"]
_FIELDS = [None, ["complaint.text"], ["complaint.subject"], ["complaint.text", "complaint.subject"]]


@st.composite
def _condition(draw: st.DrawFn) -> object:
    def one() -> dict[str, object]:
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3, unique=True))
        fields = draw(st.sampled_from(_FIELDS))
        return {"keywords": words} if fields is None else {"keywords": words, "fields": fields}

    if draw(st.booleans()):
        return one()
    return {"any": [one() for _ in range(draw(st.integers(2, 3)))]}


def _found(rows: Sequence[Row]) -> list[tuple[int, int, str, str]]:
    return [(a.index, b.index, mine, theirs) for a, b, mine, theirs in implied_shadows(rows)]


@settings(max_examples=150, deadline=None)
@given(st.lists(_condition(), min_size=1, max_size=12))
def test_generated_tables_give_the_pairs_every_pair_gives(conditions: list[object]) -> None:
    rows = _rows(conditions)
    assert _found(rows) == list(_reference(rows))


def test_a_large_table_of_rows_sharing_a_keyword_gives_the_same_pairs() -> None:
    conditions: list[object] = []
    for i in range(600):
        own = f"词{i}号"
        conditions.append({"keywords": ["坏", own]})
        if i % 100 == 99:  # one a row before already finds: named
            conditions.append({"keywords": ["坏了", f"{own}啊"]})
        if i % 250 == 0:  # another field: not held by rows searching the default fields only
            conditions.append({"keywords": ["坏"], "fields": ["complaint.subject"]})
    rows = _rows(conditions)
    found = _found(rows)
    assert found == list(_reference(rows))
    assert len(found) == 6 + 3  # each 坏了 row, and each subject row (row 0 searches it too)
