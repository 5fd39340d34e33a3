"""Rows asking whether one field is one of some texts: ``in: [gold, vip]``, ``==: gold``.

Under hit policy ``first`` a row ``customer.tier == gold`` after ``customer.tier in [gold,
vip]`` can never match, and under ``unique`` rows ``in: [gold, vip]`` and ``in: [vip,
platinum]`` both match vip; both loaded, the first silently dead and the second failing on
the first vip complaint. Each is now reported at load, as numeric ranges are.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.facts import Facts
from complaintkit.policy.tables import check_table, compile_table

TIER = "customer.tier"


def _table(hit_policy: str, *conditions: dict[str, object]) -> dict[str, object]:
    rules = [{"id": f"r{i}", "when": c, "then": {"row": i}} for i, c in enumerate(conditions)]
    return {"hit_policy": hit_policy, "rules": rules, "default": {"row": None}}


def _found(hit_policy: str, *conditions: dict[str, object]) -> list[tuple[str, str, str]]:
    return [
        (p.code, p.location.path, p.message)
        for p in check_table(_table(hit_policy, *conditions), "t")
        if p.severity == "error"
    ]


def test_a_value_an_earlier_row_lists_is_a_shadowed_row() -> None:
    ((code, path, message),) = _found(
        "first", {"field": TIER, "in": ["gold", "vip"]}, {"field": TIER, "==": "gold"}
    )
    assert (code, path) == ("shadowed-row", "t.rules[1]")
    assert "row 'r1' can never match: row 'r0'" in message


def test_a_list_within_an_earlier_list_is_a_shadowed_row() -> None:
    found = _found(
        "first", {"field": TIER, "in": ["a", "b", "c"]}, {"field": TIER, "in": ["c", "a"]}
    )
    assert [(code, path) for code, path, _ in found] == [("shadowed-row", "t.rules[1]")]


def test_lists_sharing_a_value_under_unique_are_named_with_it() -> None:
    ((code, path, message),) = _found(
        "unique", {"field": TIER, "in": ["gold", "vip"]}, {"field": TIER, "in": ["vip", "plat"]}
    )
    assert (code, path) == ("unique-overlap", "t.rules[1]")
    assert "customer.tier 'vip' matches both" in message


def test_lists_sharing_no_value_pass() -> None:
    assert _found("unique", {"field": TIER, "in": ["a"]}, {"field": TIER, "==": "b"}) == []
    assert _found("first", {"field": TIER, "in": ["a"]}, {"field": TIER, "in": ["a", "b"]}) == []


def test_a_number_and_its_text_are_not_taken_for_one_value() -> None:
    """``==: 1`` and ``in: ['1']``: text spelling a number is read as it, so what they
    match is not the same set of texts; they are left alone."""
    assert _found("unique", {"field": "x", "==": 1}, {"field": "x", "in": ["1"]}) == []


_ROW = st.one_of(
    st.builds(lambda v: {"field": TIER, "==": v}, st.sampled_from("abcd")),
    st.builds(
        lambda vs: {"field": TIER, "in": vs},
        st.lists(st.sampled_from("abcd"), min_size=1, max_size=3, unique=True),
    ),
)


@given(st.lists(_ROW, min_size=2, max_size=5), st.sampled_from("abcde"))
def test_a_table_that_loads_behaves_as_its_hit_policy_says(
    conditions: list[dict[str, object]], tier: str
) -> None:
    """Under unique no two rows match; under first every row matches some tier first."""
    for hit_policy in ("unique", "first"):
        table = _table(hit_policy, *conditions)
        if any(p.severity == "error" for p in check_table(table, "t")):
            continue
        compiled = compile_table(table, "t")
        try:
            compiled.evaluate(Facts({"customer": {"tier": tier}}))
        except PolicyError as exc:
            raise AssertionError(f"{tier} matched two rows of a unique table: {exc}") from None
        if hit_policy == "first":
            hits = {
                compiled.evaluate(Facts({"customer": {"tier": t}})).outputs["row"] for t in "abcd"
            }
            assert hits >= set(range(len(conditions))), "a row that loaded never matches"


def test_values_taken_by_several_earlier_rows_are_a_shadowed_row() -> None:
    found = _found(
        "first",
        {"field": TIER, "in": ["a", "b"]},
        {"field": TIER, "in": ["c"]},
        {"field": TIER, "in": ["c", "a"]},
    )
    ((code, path, message),) = found
    assert (code, path) == ("shadowed-row", "t.rules[2]")
    assert "row 'r0' (t.rules[0]) together with row 'r1' matches every value" in message
