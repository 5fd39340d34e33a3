"""true or false a CSV row, a web form or an agent's JSON gives as text ("true") compares
as that boolean, as text spelling a number compares as the number: a condition
``{field: label_flaw_only, ==: true}`` given "true" must not fall through to the row that
pays 1,000 yuan of punitive damages."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.model.money import Money
from complaintkit.policy.conditions import compile_condition
from complaintkit.policy.facts import Facts

ROOT = Path(__file__).resolve().parents[2]


def _decide(condition: dict[str, object], value: object) -> tuple[bool, bool]:
    """What the compiled fast path and the node tree say about ``value``."""
    check = compile_condition({"field": "facts.flag", **condition})
    facts = Facts({"facts": {"flag": value}})
    return check(facts), check.node(facts)


def _spelling(flag: bool, cases: list[bool], pad: str) -> str:
    word = "true" if flag else "false"
    return (
        pad + "".join(c.upper() if up else c for c, up in zip(word, cases * 5, strict=False)) + pad
    )


@given(
    st.booleans(),
    st.booleans(),
    st.lists(st.booleans(), min_size=1, max_size=5),
    st.sampled_from(["", " ", "\t"]),
)
def test_text_spelling_true_or_false_decides_as_the_boolean(
    flag: bool, literal: bool, cases: list[bool], pad: str
) -> None:
    text = _spelling(flag, cases, pad)
    conditions: list[dict[str, object]] = [
        {"==": literal},
        {"!=": literal},
        {"in": [literal]},
        {"not in": [literal]},
    ]
    for condition in conditions:
        expected = _decide(condition, flag)
        assert _decide(condition, text) == expected, condition
        assert expected[0] is expected[1]


@pytest.mark.parametrize("text", ["yes", "1", "t", "truth", "", "真", "true false"])
def test_other_text_is_no_boolean(text: str) -> None:
    assert _decide({"==": True}, text) == (False, False)
    assert _decide({"==": False}, text) == (False, False)
    assert _decide({"!=": True}, text) == (True, True)
    assert _decide({"in": [True, False]}, text) == (False, False)


def test_text_literals_and_numbers_are_unchanged() -> None:
    assert _decide({"==": "true"}, "true") == (True, True)
    assert _decide({"==": "true"}, True) == (False, False)
    assert _decide({"==": True}, 1) == (False, False)  # true is no 1


@pytest.mark.parametrize("given_as", [True, "true", "TRUE", " true "])
def test_a_label_flaw_given_as_text_earns_no_damages(given_as: object) -> None:
    desk = Desk(
        ROOT / "policies" / "statutory" / "cn-food-safety-art148.yaml",
        storage="memory:",
        clock=ManualClock(datetime(2026, 11, 23, 9, tzinfo=UTC)),
    )
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "1",
            "received_at": "2026-11-23T08:00:00+08:00",
            "customer": {"id": "c1"},
            "text": "标签印错了生产日期",
            "amount": {"amount": "9.90", "currency": "CNY"},
        }
    )
    facts = {"label_flaw_only": given_as, "unsafe_food": "true"}
    decision = desk.decide_compensation(case.id, facts)
    assert decision.rows == ("harmless-label-flaw",)
    assert decision.total == Money("9.90", "CNY")


def _full(ascii_text: str) -> str:
    """``ascii_text`` in full-width letters (U+FF01..U+FF5E)."""
    return "".join(chr(ord(c) + 0xFEE0) for c in ascii_text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        (_full("true"), True),
        (_full("TRUE"), True),
        (f"\u3000{_full('false')}\u3000", False),
        (_full("T") + "rue", True),
    ],
)
def test_true_or_false_typed_in_full_width_decides_as_the_boolean(text: str, flag: bool) -> None:
    """A Chinese input method in full-width mode types true in full-width letters (and the
    ideographic space around it); read as other text it fell to the rows for a value no one can read."""
    conditions: list[dict[str, object]] = [{"==": flag}, {"==": not flag}, {"in": [flag]}]
    for condition in conditions:
        assert _decide(condition, text) == _decide(condition, flag), condition
