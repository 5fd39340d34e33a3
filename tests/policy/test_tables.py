"""Rule tables: hit policies against a brute-force oracle, classification, explain, checks."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import Location, PolicyError, Problem
from complaintkit.model.complaint import Complaint
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.condition_nodes import Node
from complaintkit.policy.facts import Facts
from complaintkit.policy.tables import (
    HIT_POLICIES,
    Row,
    _static_problems,
    check_table,
    compile_table,
)

CLASSIFY: dict[str, object] = {
    "hit_policy": "first",
    "rules": [
        {
            "id": "food-safety",
            "when": {"keywords": ["变质", "异物", "food poisoning", "spoiled"]},
            "then": {
                "category": "product",
                "severity": "high",
                "priority": "urgent",
                "tags": ["food_safety"],
            },
        },
        {
            "id": "late-delivery",
            "when": {"keywords": ["late", "delayed", "迟到", "没送到"]},
            "then": {"category": "delivery", "severity": "medium", "priority": "normal"},
        },
        {
            "id": "big-refund",
            "when": {
                "all": [
                    {"field": "complaint.amount", ">=": 500},
                    {"field": "customer.tier", "in": ["gold", "vip"]},
                ]
            },
            "then": {"category": "price", "severity": "high", "priority": "urgent"},
        },
    ],
    "default": {"category": "other", "severity": "low", "priority": "normal"},
}


def complaint(text: str, amount: str = "0", tier: str = "basic") -> Facts:
    return Facts(
        {
            "complaint": {"subject": "", "text": text, "amount": Decimal(amount)},
            "customer": {"tier": tier},
        }
    )


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("买的牛奶已经变质了 要求退款", "product"),
        ("面包里吃出异物", "product"),
        ("外卖迟到了一个小时", "delivery"),
        ("骑手说没送到", "delivery"),
        ("Got food poisoning from the salad", "product"),
        ("The parcel was LATE again", "delivery"),
        ("I love your chocolate", "other"),
        ("包装很好", "other"),
    ],
)
def test_classifies_chinese_and_english_text(text: str, category: str) -> None:
    table = compile_table(CLASSIFY, "classification")
    assert table.evaluate(complaint(text)).outputs["category"] == category


class NoHistory:
    """A customer with no earlier complaints."""

    def complaints_in_last_days(self, days: int) -> int:
        return 0

    def open_cases(self) -> int:
        return 0


def test_food_safety_row_outputs() -> None:
    result = compile_table(CLASSIFY, "classification").evaluate(complaint("牛奶变质"))
    assert [r.id for r in result.rows] == ["food-safety"]
    assert dict(result.outputs) == {
        "category": "product",
        "severity": "high",
        "priority": "urgent",
        "tags": ("food_safety",),
    }


def test_default_is_used_when_nothing_matches() -> None:
    result = compile_table(CLASSIFY, "classification").evaluate(complaint("all good"))
    assert result.used_default
    assert not result.matched
    assert result.outputs["category"] == "other"


def test_explain_shows_every_row_and_the_first_failing_sub_condition() -> None:
    table = compile_table(CLASSIFY, "classification")
    trace = table.explain(complaint("chocolate was fine", amount="42", tier="gold"))
    assert [(t.row.id, t.matched) for t in trace.rows] == [
        ("food-safety", False),
        ("late-delivery", False),
        ("big-refund", False),
    ]
    assert trace.rows[2].reason == "complaint.amount >= 500 was false (complaint.amount = 42)"
    assert trace.rows[1].reason == (
        "keywords [late, delayed, 迟到, 没送到] in complaint.subject, complaint.text was false "
        "(none found)"
    )
    assert trace.outcome.startswith("no row matched; default used")
    assert "big-refund [classification.rules[2]]" in str(trace)


def test_explain_reports_a_unique_violation_as_its_outcome() -> None:
    table = compile_table(
        {
            "hit_policy": "unique",
            "rules": [
                {"id": "a", "when": {"field": "x.n", ">": 1}},
                # a range under not: beyond what the load-time overlap check reads
                {"id": "b", "when": {"not": {"field": "x.n", "<=": 2}}},
            ],
            "default": {},
        },
        "t",
    )
    trace = table.explain(Facts({"x": {"n": 5}}))
    assert trace.result is None
    assert trace.outcome.startswith("error: table t has hit policy unique but rows 'a'")


def test_unique_overlap_raises_naming_both_rows() -> None:
    table = compile_table(
        {
            "hit_policy": "unique",
            "rules": [
                {"id": "cheap", "when": {"field": "x.n", "<": 10}, "then": {"p": 1}},
                {"id": "tiny", "when": {"not": {"field": "x.n", ">=": 3}}, "then": {"p": 2}},
            ],
            "default": {},
        },
        "routing",
    )
    assert table.evaluate(Facts({"x": {"n": 5}})).outputs == {"p": 1}
    with pytest.raises(PolicyError, match=r"'cheap' \(routing.rules\[0\]\) and 'tiny'"):
        table.evaluate(Facts({"x": {"n": 1}}))


def test_priority_picks_highest_then_earliest() -> None:
    table = compile_table(
        {
            "hit_policy": "priority",
            "rules": [
                {"id": "low", "priority": 1, "then": {"p": "low"}},
                {"id": "high-a", "priority": 5, "when": {"field": "x.n", ">": 0}},
                # another field: x.n > 1 would never match below x.n > 0, an error now
                {"id": "high-b", "priority": 5, "when": {"field": "x.m", ">": 1}},
            ],
            "default": {},
        },
        "t",
    )
    assert table.evaluate(Facts({"x": {"n": 2, "m": 2}})).rows[0].id == "high-a"
    assert table.evaluate(Facts({"x": {"n": 0}})).rows[0].id == "low"


def test_collect_merges_outputs_and_accumulates_tags() -> None:
    table = compile_table(
        {
            "hit_policy": "collect",
            "rules": [
                {"id": "a", "then": {"team": "care", "tags": ["vip"]}},
                {"id": "b", "then": {"team": "qa", "owner": "li", "tags": ["food", "vip"]}},
            ],
            "default": {},
        },
        "t",
    )
    result = table.evaluate(Facts({}))
    assert [r.id for r in result.rows] == ["a", "b"]
    assert dict(result.outputs) == {"team": "care", "tags": ("vip", "food"), "owner": "li"}


def _problems(table: Mapping[str, object]) -> list[tuple[str, str, str]]:
    return [(p.code, p.severity, p.location.path) for p in check_table(table, "t")]


def test_check_flags_rows_shadowed_by_an_unconditional_row() -> None:
    table = {
        "rules": [{"id": "x", "when": {"field": "a", "==": 1}}, {"id": "all"}, {"id": "y"}],
        "default": {},
    }
    assert _problems(table) == [("shadowed-row", "error", "t.rules[2]")]


def test_check_flags_identical_condition_and_duplicate_id() -> None:
    same = {"field": "customer.tier", "in": ["gold", "vip"]}
    reordered = {"field": "customer.tier", "in": ["vip", "gold"]}
    table = {"rules": [{"id": "r", "when": same}, {"id": "r", "when": reordered}], "default": {}}
    assert _problems(table) == [
        ("duplicate-id", "error", "t.rules[1].id"),
        ("shadowed-row", "error", "t.rules[1]"),
    ]


def test_check_flags_provable_unique_overlap() -> None:
    cond = {"keywords": ["变质"]}
    table = {"hit_policy": "unique", "rules": [{"when": cond}, {"when": cond}], "default": {}}
    assert _problems(table) == [("unique-overlap", "error", "t.rules[1]")]


@pytest.mark.parametrize("hit_policy", ["first", "unique", "collect"])
def test_a_row_priority_no_hit_policy_reads_is_a_warning(hit_policy: str) -> None:
    # the author meant the row to win, and rows were tried in order without a word
    table = {
        "hit_policy": hit_policy,
        "rules": [{"id": "x", "when": {"field": "a", "==": 1}, "priority": 5}],
        "default": {},
    }
    assert _problems(table) == [("unused-priority", "warning", "t.rules[0].priority")]
    table["hit_policy"] = "priority"
    assert _problems(table) == []


def test_check_warns_about_a_missing_default() -> None:
    assert _problems({"rules": [{"when": {"field": "a", "==": 1}}]}) == [
        ("missing-default", "warning", "t")
    ]
    table = compile_table({"rules": []}, "t")
    assert [p.code for p in table.problems] == ["missing-default"]


@pytest.mark.parametrize(
    ("when", "code", "path"),
    [
        ({"keywords": []}, "empty-keywords", "t.rules[0].when.keywords"),
        ({"field": "a", "regex": "(?<!a)b"}, "bad-argument", "t.rules[0].when.regex"),
        ({"field": "a", "regex": "(unclosed"}, "bad-argument", "t.rules[0].when.regex"),
    ],
)
def test_check_reports_bad_conditions_with_their_path(when: object, code: str, path: str) -> None:
    problems = check_table({"rules": [{"when": when}], "default": {}}, "t")
    assert [(p.code, p.location.path) for p in problems] == [(code, path)]


def test_bad_table_shapes_are_located() -> None:
    with pytest.raises(PolicyError) as info:
        compile_table({"hit_policy": "any", "rules": [{"then": 3, "wen": {}}], "default": {}}, "t")
    assert [p.location.path for p in info.value.problems] == [
        "t.hit_policy",
        "t.rules[0].wen",
        "t.rules[0].then",
    ]


# ---- hit policies against a brute-force oracle -------------------------------------------

_CONDITION = st.one_of(
    st.none(),
    st.builds(
        lambda op, v: {"field": "x.n", op: v}, st.sampled_from(["<", ">=", "=="]), st.integers(0, 4)
    ),
    st.builds(
        lambda vs: {"field": "x.tier", "in": vs}, st.lists(st.sampled_from("abc"), min_size=1)
    ),
    st.builds(lambda k: {"keywords": [k]}, st.sampled_from(["变质", "late", "异物"])),
)
_ROWS = st.lists(st.tuples(_CONDITION, st.integers(0, 3)), max_size=6)
_RECORD = st.fixed_dictionaries(
    {
        "n": st.integers(0, 4),
        "tier": st.sampled_from("abcd"),
        "text": st.sampled_from(["", "变质", "too late", "chocolate", "异物 late"]),
    }
)


def _oracle_matches(condition: Mapping[str, object] | None, record: Mapping[str, object]) -> bool:
    if condition is None:
        return True
    if "keywords" in condition:
        keyword = condition["keywords"][0]  # type: ignore[index]
        words = str(record["text"]).split()
        return keyword in words if keyword.isascii() else keyword in str(record["text"])
    if "in" in condition:
        return record["tier"] in condition["in"]  # type: ignore[operator]
    op, value = next((k, v) for k, v in condition.items() if k != "field")
    n = record["n"]
    return bool({"<": n < value, ">=": n >= value, "==": n == value}[op])  # type: ignore[operator]


def _table(policy: str, rows: list[tuple[object, int]]) -> dict[str, object]:
    rules = []
    for i, (condition, priority) in enumerate(rows):
        row: dict[str, object] = {"id": f"r{i}", "then": {"row": i, "tags": [f"t{i}"]}}
        if condition is not None:
            row["when"] = condition
        if policy == "priority":
            row["priority"] = priority
        rules.append(row)
    return {"hit_policy": policy, "rules": rules, "default": {"row": "default"}}


def _facts(record: Mapping[str, object]) -> Facts:
    return Facts(
        {"x": {"n": record["n"], "tier": record["tier"]}, "complaint": {"text": record["text"]}}
    )


def _matching(rows: list[tuple[object, int]], record: Mapping[str, object]) -> list[int]:
    return [i for i, (c, _) in enumerate(rows) if _oracle_matches(c, record)]  # type: ignore[arg-type]


def _compile(policy: str, rows: list[tuple[object, int]]):  # type: ignore[no-untyped-def]
    return compile_table(_table(policy, rows), "t")


def _no_static_errors(policy: str, rows: list[tuple[object, int]]) -> bool:
    problems: list[Problem] = check_table(_table(policy, rows), "t")
    return not [p for p in problems if p.severity == "error"]


@given(_ROWS, _RECORD)
def test_first_agrees_with_oracle(
    rows: list[tuple[object, int]], record: dict[str, object]
) -> None:
    table = compile_table(_table("first", rows), "t") if _no_static_errors("first", rows) else None
    if table is None:
        return
    expected = _matching(rows, record)
    result = table.evaluate(_facts(record))
    assert [r.index for r in result.rows] == expected[:1]
    assert result.outputs["row"] == (expected[0] if expected else "default")


@given(_ROWS, _RECORD)
def test_unique_agrees_with_oracle(
    rows: list[tuple[object, int]], record: dict[str, object]
) -> None:
    if not _no_static_errors("unique", rows):
        return
    table = _compile("unique", rows)
    expected = _matching(rows, record)
    if len(expected) > 1:
        with pytest.raises(PolicyError, match=f"'r{expected[0]}'.* and 'r{expected[1]}'"):
            table.evaluate(_facts(record))
    else:
        assert [r.index for r in table.evaluate(_facts(record)).rows] == expected


@given(_ROWS, _RECORD)
def test_priority_agrees_with_oracle(
    rows: list[tuple[object, int]], record: dict[str, object]
) -> None:
    if not _no_static_errors("priority", rows):
        return
    expected = _matching(rows, record)
    best = max(expected, key=lambda i: (rows[i][1], -i), default=None)
    result = _compile("priority", rows).evaluate(_facts(record))
    assert [r.index for r in result.rows] == ([] if best is None else [best])


@given(_ROWS, _RECORD)
def test_collect_agrees_with_oracle(
    rows: list[tuple[object, int]], record: dict[str, object]
) -> None:
    expected = _matching(rows, record)
    result = _compile("collect", rows).evaluate(_facts(record))
    assert [r.index for r in result.rows] == expected
    if expected:
        assert result.outputs["row"] == expected[0]
        assert result.outputs["tags"] == tuple(f"t{i}" for i in expected)


_TEXT_WORDS = ["late", "ate", "变质", "refund", "退款", "fee"]  # contains: "" is refused


def _contains(value: object, word: str) -> bool:
    return isinstance(value, str | list) and word in value


@given(
    st.lists(
        st.lists(st.sampled_from(_TEXT_WORDS), min_size=1, max_size=3, unique=True),
        max_size=8,
        unique_by=frozenset,  # identical rows are a policy error (shadowed)
    ),
    st.booleans(),
    st.one_of(
        st.none(),
        st.integers(),
        st.lists(st.sampled_from(_TEXT_WORDS), max_size=2),
        st.text(alphabet="latefr变质退款 ", max_size=20),
    ),
)
def test_text_rows_written_as_contains_or_regex_pick_the_first_true_row(
    rows: list[list[str]], as_regex: bool, text: object
) -> None:
    """Rows testing one field share one scan of it; each still answers ``word in text``."""
    rules: list[dict[str, object]] = []
    expected = []
    for i, words in enumerate(rows):
        if as_regex and all(words):
            when: dict[str, object] = {"field": "complaint.text", "regex": "|".join(words)}
            matched = isinstance(text, str) and any(w in text for w in words)
        else:
            when = {"any": [{"field": "complaint.text", "contains": w} for w in words]}
            matched = any(_contains(text, w) for w in words)
        rules.append({"id": f"r{i}", "when": when, "then": {"row": i}})
        expected.append(matched)
    table = compile_table({"hit_policy": "first", "rules": rules, "default": {"row": -1}}, "t")
    first = expected.index(True) if True in expected else -1
    assert table.evaluate(Facts({"complaint": {"text": text}})).outputs["row"] == first


@given(st.sampled_from(HIT_POLICIES), _ROWS, _RECORD, _RECORD)
def test_the_selection_decides_the_result(
    policy: str, rows: list[tuple[object, int]], one: dict[str, object], other: dict[str, object]
) -> None:
    """The assessor keeps decisions by selection: equal selections, equal results."""
    if not _no_static_errors(policy, rows):
        return
    table = _compile(policy, rows)
    try:
        first, second = table.select(_facts(one)), table.select(_facts(other))
    except PolicyError:  # a unique table's overlap: select refuses it as evaluate does
        return
    assert table.result(first) == table.evaluate(_facts(one))
    assert hash((first, second)) is not None
    assert (first == second) is (table.result(first) == table.result(second))


def test_a_unique_conflict_points_at_the_file_that_made_the_table_unique(tmp_path: Path) -> None:
    # it pointed at the parent's classification:, a file that says nothing of unique
    base = Path(__file__).resolve().parents[2] / "docs" / "policy" / "base.yaml"
    child = tmp_path / "child.yaml"
    child.write_text(
        f"complaintkit: 1\nextends: {base}\nclassification:\n  hit_policy: unique\n"
        "  rules:\n    - {id: milk, when: {keywords: [牛奶]}, then: {category: product}}\n",
        "utf-8",
    )
    complaint = Complaint.from_json(
        {
            "channel": "web",
            "external_id": "e",
            "customer": {"id": "c"},
            "text": "牛奶变质了",
            "received_at": "2026-11-23T09:00:00+08:00",
        }
    )
    with pytest.raises(PolicyError) as refused:
        load_policy(child).assess(complaint, NoHistory())
    (problem,) = refused.value.problems
    assert (problem.location.file, problem.location.line) == (str(child), 4)


class _CountedKey:
    """A condition key that counts how often it is compared for equality."""

    compared = 0

    def __init__(self, n: int) -> None:
        self.n = n

    def __hash__(self) -> int:
        return hash(self.n)

    def __eq__(self, other: object) -> bool:
        _CountedKey.compared += 1
        return isinstance(other, _CountedKey) and self.n == other.n


@pytest.mark.parametrize("hit_policy", ["first", "priority", "unique"])
def test_shadowed_rows_are_found_without_comparing_every_pair(hit_policy: str) -> None:
    """A 17,000-row table (1.9 MB, inside the size limit) took over two minutes to
    validate: each row was compared with every earlier one."""
    keys = [*range(3000), 7]  # the last row repeats row 7's condition
    rows = [
        Row(f"r{i}", i, f"t.rules[{i}]", cast("Node", SimpleNamespace(key=_CountedKey(k))), {})
        for i, k in enumerate(keys)
    ]
    _CountedKey.compared = 0
    problems = _static_problems(hit_policy, rows, "t", {}, lambda path: Location("t", path=path))
    assert [(p.code, p.location.path) for p in problems if p.severity == "error"] == [
        ("unique-overlap" if hit_policy == "unique" else "shadowed-row", "t.rules[3000]")
    ]
    assert _CountedKey.compared <= 2 * len(rows)


def test_hit_policy_priority_with_rows_all_of_one_priority_is_a_warning() -> None:
    # the author chose priority but gave no row one: the rows are tried in order, silently
    rules = [
        {"id": "x", "when": {"field": "a", "==": 1}},
        {"id": "y", "when": {"field": "b", "==": 1}},
    ]
    table = {"hit_policy": "priority", "rules": rules, "default": {}}
    assert _problems(table) == [("priority-unread", "warning", "t.hit_policy")]
    table["rules"] = [{**rules[0], "priority": 3}, {**rules[1], "priority": 3}]
    assert _problems(table) == [("priority-unread", "warning", "t.hit_policy")]
    table["rules"] = [{**rules[0], "priority": 3}, rules[1]]
    assert _problems(table) == []
    table["rules"] = [rules[0]]  # one row: no order to decide
    assert _problems(table) == []
