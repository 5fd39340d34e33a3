"""A row of ``any`` of ``contains`` words on one text asks the text's scan once for all of
them: the compiled table picks exactly the rows the conditions pick, one by one, for every
hit policy, on any table and text (Chinese, overlapping words, a list or a number where
text was expected)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.facts import Facts
from complaintkit.policy.tables import RuleTable, compile_table
from complaintkit.policy.unread_numbers import UnreadNumber

_WORDS = ["退款", "款", "退", "变质", "refund", "fund", "re", "credit report", "report", "é"]
_TEXT = st.lists(st.sampled_from([*_WORDS, " ", "的", "x", "Refund"]), max_size=8).map("".join)


def _condition(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["words", "words", "word", "amount", "mixed", "subject"]))
    words = [
        {"field": "complaint.text", "contains": w}
        for w in draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4))
    ]
    if kind == "word":
        return words[0]
    if kind == "amount":
        return {"field": "complaint.amount", ">=": draw(st.integers(0, 100))}
    if kind == "mixed":  # a run of words broken by another field's test
        other = {"field": "complaint.channel", "==": "web"}
        return {"any": [*words, other, *reversed(words)]}
    if kind == "subject":  # words on two fields: each field's run is one test
        on_subject = [{"field": "complaint.subject", "contains": w} for w in _WORDS[:3]]
        return {"any": [*words, *on_subject]}
    return {"any": words}


@st.composite
def tables(draw: st.DrawFn) -> dict[str, Any]:
    rows = []
    for i in range(draw(st.integers(1, 8))):
        when = _condition(draw)
        if draw(st.booleans()):
            when = {"not": when}
        elif draw(st.booleans()):
            when = {"all": [when, {"field": "complaint.channel", "in": ["web", "app"]}]}
        rows.append({"id": f"r{i}", "when": when, "then": {"row": i}})
    policy = draw(st.sampled_from(["first", "collect", "unique"]))
    return {"hit_policy": policy, "rules": rows, "default": {"row": -1}}


_RECORDS = st.fixed_dictionaries(
    {
        "complaint": st.fixed_dictionaries(
            {
                "text": st.one_of(_TEXT, _TEXT, st.lists(st.sampled_from(_WORDS)), st.integers()),
                "subject": _TEXT,
                "amount": st.integers(0, 100),
                "channel": st.sampled_from(["web", "app", "phone"]),
            }
        )
    }
)


def one_by_one(table: RuleTable, facts: Facts) -> object:
    """The rows each condition alone selects, under the table's hit policy."""
    matched = tuple(
        i for i, row in enumerate(table.rows) if row.condition is None or row.condition(facts)
    )
    if table.hit_policy == "first":
        return matched[0] if matched else -1
    if table.hit_policy == "unique" and len(matched) > 1:
        return "overlap"
    return matched


def compiled(table: RuleTable, facts: Facts) -> object:
    try:
        return table.select(facts)
    except PolicyError:
        return "overlap"


@settings(max_examples=300, deadline=None)
@given(tables(), st.lists(_RECORDS, min_size=1, max_size=6))
def test_compiled_rows_select_what_the_conditions_select(
    data: dict[str, Any], records: list[dict[str, Any]]
) -> None:
    try:
        table = compile_table(data, "t")
    except PolicyError:  # a shadowed or overlapping row the policy check refuses
        return
    for record in records:
        try:
            expected = one_by_one(table, Facts(record))
        except UnreadNumber:
            continue
        assert compiled(table, Facts(record)) == expected, record


def test_a_row_of_words_finds_any_of_them_in_chinese_and_overlapping() -> None:
    words = [{"field": "complaint.text", "contains": w} for w in ["credit report", "退款", "port"]]
    table = compile_table(
        {"rules": [{"id": "a", "when": {"any": words}, "then": {"hit": True}}], "default": {}},
        "t",
    )
    for text, hit in [("my credit report", True), ("要退款", True), ("sport", True), ("退", False)]:
        assert table.evaluate(Facts({"complaint": {"text": text}})).matched is hit, text
    listed = Facts({"complaint": {"text": ["port", "x"]}})  # a list: holds the word as an item
    assert table.evaluate(listed).matched
