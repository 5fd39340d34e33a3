"""Compiled conditions: operators, missing facts, history, explanations and errors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput, Location, PluginError, PolicyError
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts
from complaintkit.policy.operators import OperatorRegistry, default_registry


def facts(**flat: object) -> Facts:
    return Facts.from_flat({k.replace("__", "."): v for k, v in flat.items()})


@pytest.mark.parametrize(
    ("condition", "amount", "expected"),
    [
        ({">=": 100}, Decimal("100.00"), True),
        ({">=": "99.90"}, Decimal("99.89"), False),
        ({"<": 0.1}, Decimal("0.09"), True),
        ({"==": 42}, 42, True),
        ({"==": 42}, Decimal("42.0"), True),
        ({"!=": 42}, Decimal(41), True),
        ({"between": [10, 100]}, Decimal(10), True),
        ({"between": [10, 100]}, Decimal("100.01"), False),
        ({"in": [1, 2, "3"]}, Decimal(2), True),
        ({"not in": [1, 2]}, 3, True),
    ],
)
def test_numeric_operators_compare_decimal_facts_exactly(
    condition: dict[str, object], amount: object, expected: bool
) -> None:
    check = compile_condition({"field": "complaint.amount", **condition})
    assert check(facts(complaint__amount=amount)) is expected


def test_numeric_literals_become_decimal_not_float() -> None:
    check = compile_condition({"field": "complaint.amount", "==": 0.1})
    assert check(facts(complaint__amount=Decimal("0.1")))


@pytest.mark.parametrize("op", ["==", "!=", "<", ">=", "in", "not in", "between", "regex"])
def test_condition_on_missing_or_null_field_is_false(op: str) -> None:
    argument = {"in": [1], "not in": [1], "between": [1, 2], "regex": "x"}.get(op, 1)
    field = "complaint.order_id" if op == "regex" else "complaint.amount"  # regex tests text
    check = compile_condition({"field": field, op: argument})
    assert not check(facts(complaint__text="x"))
    assert not check(facts(complaint__amount=None))


def test_exists_sees_absence() -> None:
    present = compile_condition({"field": "complaint.order_id", "exists": True})
    absent = compile_condition({"field": "complaint.order_id", "exists": False})
    assert present(facts(complaint__order_id="A1"))
    assert absent(facts(complaint__order_id=None))
    assert not absent(facts(complaint__order_id="A1"))


def test_wrong_fact_type_is_false_not_an_error() -> None:
    check = compile_condition({"field": "complaint.amount", ">": 10})
    assert not check(facts(complaint__amount="lots"))
    assert not check(facts(complaint__amount=[1, 2]))


def test_membership_and_contains() -> None:
    tier = compile_condition({"field": "customer.tier", "in": ["gold", "vip"]})
    tagged = compile_condition({"field": "case.tags", "contains": "vip"})
    assert tier(facts(customer__tier="vip"))
    assert not tier(facts(customer__tier="silver"))
    assert not tier(facts(customer__tier=["unhashable"]))
    assert tagged(facts(case__tags=["vip", "repeat"]))
    assert not tagged(facts(case__tags=7))


def test_regex_searches_the_whole_text() -> None:
    check = compile_condition({"field": "complaint.text", "regex": r"订单号\d{6}"})
    assert check(facts(complaint__text="我的订单号123456没到"))
    assert not check(facts(complaint__text="订单号12345"))
    assert check(facts(complaint__text="x" * 50_000 + "订单号123456"))  # no silent cut-off


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        (r"^\d*\d*\d*\d*$", "1" * 10_000 + "x", False),  # exponential under backtracking
        (r"^\d*\d*\d*\d*$", "1" * 10_000, True),
        ("(a+)+$", "a" * 10_000 + "!", False),
        ("(a|ab)*c", "ab" * 5_000, False),
        (r"(\w+\s?)+$", "word " * 2_000 + "!", False),
        ("(.*a){5}", "a" * 4 + "b" * 10_000, False),
    ],
)
def test_patterns_that_backtrack_elsewhere_run_in_linear_time(
    pattern: str, text: str, matches: bool
) -> None:
    """Accepted and answered: RE2 never backtracks (speed is measured in benchmarks/)."""
    check = compile_condition({"field": "complaint.text", "regex": pattern})
    assert check(facts(complaint__text=text)) is matches


@pytest.mark.parametrize(
    ("pattern", "hint"),
    [
        ("(?<!没)送到", "look-arounds are not supported"),
        ("送(?!到)", "look-arounds are not supported"),
        (r"(a)\1", "back-references are not supported"),
        ("(unclosed", "never closed"),
    ],
)
def test_patterns_re2_cannot_run_are_refused_with_a_hint(pattern: str, hint: str) -> None:
    with pytest.raises(PolicyError, match=hint) as info:
        compile_condition({"field": "complaint.text", "regex": pattern}, "rules[0].when")
    assert info.value.problems[0].location.path == "rules[0].when.regex"


@pytest.mark.parametrize("pattern", [r"\d{3}-\d{4}", "(?:foo|bar)+", r"(?:\s|,)+", r"\p{Han}+"])
def test_safe_regex_is_accepted(pattern: str) -> None:
    compile_condition({"field": "complaint.text", "regex": pattern})


def test_boolean_combinators() -> None:
    check = compile_condition(
        {
            "all": [
                {"field": "a.x", ">": 1},
                {"any": [{"field": "a.y", "==": "p"}, {"field": "a.y", "==": "q"}]},
                {"not": {"field": "a.z", "exists": True}},
            ]
        }
    )
    assert check(facts(a__x=2, a__y="q"))
    assert not check(facts(a__x=2, a__y="q", a__z=0))
    assert not check(facts(a__x=2, a__y="r"))


def test_history_fact_is_computed_once_per_record() -> None:
    calls: list[tuple[str, object]] = []

    def provider(name: str, argument: object) -> object:
        calls.append((name, argument))
        return 4

    check = compile_condition(
        {
            "all": [
                {"history": {"complaints_in_last_days": 30}, ">=": 3},
                {"history": {"complaints_in_last_days": 30}, "<": 10},
            ]
        }
    )
    assert check(Facts({}, history=provider))
    assert calls == [("complaints_in_last_days", 30)]


def test_history_without_provider_says_what_to_do() -> None:
    check = compile_condition({"history": "open_cases", ">": 0})
    with pytest.raises(InvalidInput, match="history provider"):
        check(Facts({}))


def test_explain_names_the_first_failing_sub_condition() -> None:
    check = compile_condition(
        {
            "all": [
                {"field": "customer.tier", "in": ["gold", "vip"]},
                {"field": "complaint.amount", ">=": 100},
                {"field": "complaint.channel", "==": "phone"},
            ]
        }
    )
    record = facts(customer__tier="gold", complaint__amount=Decimal(42))
    assert check.explain(record) == "complaint.amount >= 100 was false (complaint.amount = 42)"
    assert check.explain(facts(customer__tier="gold", complaint__amount=100)) == (
        "complaint.channel == 'phone' was false (complaint.channel missing)"
    )
    assert (
        check.explain(
            facts(customer__tier="vip", complaint__amount=100, complaint__channel="phone")
        )
        is None
    )


def test_explain_not_and_any() -> None:
    negated = compile_condition({"not": {"field": "a.b", "==": 1}})
    either = compile_condition({"any": [{"field": "a.b", "==": 1}, {"field": "a.b", "==": 2}]})
    assert negated.explain(facts(a__b=1)) == "not a.b == 1 was false (a.b == 1 was true)"
    reason = either.explain(facts(a__b=3))
    assert reason is not None
    assert reason.startswith("none of the alternatives held: a.b == 1 was false")


@pytest.mark.parametrize(
    ("condition", "path", "message"),
    [
        ({"field": "a.b", "~=": 1}, "when.~=", "unknown operator '~='"),
        ({"field": "a.b", ">=": "lots"}, "when.>=", "expects a number"),
        # Decimal reads these, the numeric-text rule (policy.numeric_text) does not
        ({"field": "a.b", ">": "\uff15\uff10\uff10"}, "when.>", "expects a number"),
        ({"field": "a.b", ">": "1_000"}, "when.>", "expects a number"),
        (
            {"field": "a.b", "between": ["0", "\u0665\u0660\u0660"]},
            "when.between",
            "expects a number",
        ),
        ({"field": "a.b", "between": [5]}, "when.between", "two numbers"),
        ({"field": "a.b", "in": []}, "when.in", "non-empty list"),
        ({"field": "a.b", "exists": "yes"}, "when.exists", "true or false"),
        ({"field": "a..b", "==": 1}, "when.field", "dotted path"),
        ({"field": "a.b"}, "when", "exactly one operator"),
        ({"field": "a.b", "==": 1, "!=": 2}, "when", "exactly one operator"),
        ({"all": []}, "when.all", "non-empty list"),
        ({"all": [{"field": "a", "=": 1}]}, "when.all[0].=", "unknown operator"),
        ({"any": [{"field": "a", "==": 1}, 7]}, "when.any[1]", "must be a mapping"),
        ({"keywords": []}, "when.keywords", "non-empty list"),
        ({"keywords": ["ok", "  "]}, "when.keywords[1]", "empty"),
        ({"keywords": ["x"], "fields": []}, "when.fields", "non-empty list"),
        ({"history": {"a": 1, "b": 2}, ">": 1}, "when.history", "fact name"),
        ({"whatever": 1}, "when.whatever", "unknown condition key"),
        ({"not": {"field": "a"}, "all": []}, "when", "only key"),
    ],
)
def test_bad_condition_error_names_its_location(
    condition: dict[str, object], path: str, message: str
) -> None:
    def locate(where: str) -> Location:
        return Location(file="shop.yaml", line=7, column=3, path=where)

    with pytest.raises(PolicyError) as info:
        compile_condition(condition, "when", locate=locate)
    problem = info.value.problems[0]
    assert problem.location.path == path
    assert message in problem.message
    assert f"shop.yaml:7:3 (at {path})" in str(info.value)


def test_unknown_operator_hint_lists_valid_operators() -> None:
    with pytest.raises(PolicyError) as info:
        compile_condition({"field": "a", "like": "x"})
    assert (
        "valid operators: ==, !=, <, <=, >, >=, in, not in, between" in info.value.problems[0].hint
    )


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(PolicyError) as info:
        compile_condition({"all": [{"field": "a", "?": 1}, {"field": "b", ">": "x"}]})
    assert [p.location.path for p in info.value.problems] == ["when.all[0].?", "when.all[1].>"]


def test_plugin_operator_is_compiled_and_rendered() -> None:
    registry = default_registry()

    def longer_than(argument: object) -> object:
        if not isinstance(argument, int):
            raise TypeError(f"expects a whole number (got {argument!r})")
        return lambda value: isinstance(value, str) and len(value) > argument

    registry.register("longer_than", longer_than, expects="a whole number", provider="lenplug")  # type: ignore[arg-type]
    check = compile_condition({"field": "c.text", "longer_than": 3}, registry=registry)
    assert check(facts(c__text="abcd"))
    assert not check(facts(c__text="abc"))
    assert not check(facts(c__other="abcd"))
    assert check.explain(facts(c__text="a")) == "c.text longer_than 3 was false (c.text = 'a')"


def test_duplicate_operator_names_both_providers() -> None:
    registry = OperatorRegistry()
    registry.register("near", lambda arg: bool, expects="x", provider="geo-one")
    with pytest.raises(PluginError, match="geo-one and geo-two") as info:
        registry.register("near", lambda arg: bool, expects="x", provider="geo-two")
    assert info.value.plugins == ("geo-one", "geo-two")


def test_operator_may_not_take_a_structural_name() -> None:
    with pytest.raises(PluginError, match="must be non-empty and not one of"):
        default_registry().register("all", lambda arg: bool, expects="x", provider="p")


def test_policy_text_is_data_never_code() -> None:
    payload = "__import__('os').system('false')"
    check = compile_condition({"field": "a.b", "in": [payload, "x'); raise SystemExit('"]})
    assert check(facts(a__b=payload))
    assert not check(facts(a__b="other"))


_FIELDS = ["r.a", "r.b"]
_VALUES = st.one_of(
    st.none(),
    st.integers(-3, 3),
    st.decimals(-3, 3, places=1),
    st.sampled_from([Decimal("NaN"), Decimal("sNaN"), float("nan")]),  # no number
    st.sampled_from(["x", "y", "", "变"]),
    st.text(alphabet="xy变 ", max_size=6),
    st.lists(st.integers(0, 2), max_size=2),
)
_LEAVES = st.one_of(
    st.builds(
        lambda f, op, v: {"field": f, op: v},
        st.sampled_from(_FIELDS),
        st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
        st.integers(-3, 3),
    ),
    st.builds(
        lambda f, v: {"field": f, "==": v}, st.sampled_from(_FIELDS), st.sampled_from(["x", "y"])
    ),
    st.builds(
        lambda f, op, vs: {"field": f, op: vs},
        st.sampled_from(_FIELDS),
        st.sampled_from(["in", "not in"]),
        st.lists(
            st.one_of(st.integers(-3, 3), st.sampled_from(["x", "变"])), min_size=1, max_size=3
        ),
    ),
    st.builds(
        lambda f, lo: {"field": f, "between": [lo, lo + 2]},
        st.sampled_from(_FIELDS),
        st.integers(-3, 2),
    ),
    st.builds(lambda f, b: {"field": f, "exists": b}, st.sampled_from(_FIELDS), st.booleans()),
    st.builds(
        lambda f, v: {"field": f, "contains": v},
        st.sampled_from(_FIELDS),
        # contains: "" is refused at compile (every text contains it)
        st.one_of(st.integers(0, 2), st.sampled_from(["x", "y", "变", "xy", "y变", "yx"])),
    ),
    st.builds(
        lambda f, p: {"field": f, "regex": p},
        st.sampled_from(_FIELDS),
        st.sampled_from(["^x", "y|变", "x+y", "^$", "(?i)X"]),
    ),
)
CONDITIONS = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.builds(lambda cs: {"all": cs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda cs: {"any": cs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda c: {"not": c}, inner),
    ),
    max_leaves=6,
)


@given(CONDITIONS, st.fixed_dictionaries({}, optional={"a": _VALUES, "b": _VALUES}))
def test_generated_fast_path_agrees_with_the_node_tree(
    condition: dict[str, object], record: dict[str, object]
) -> None:
    check = compile_condition(condition)
    record_facts = Facts({"r": record})
    expected = check.node(record_facts)
    assert check(record_facts) is expected
    assert (check.explain(record_facts) is None) is expected
