"""Patterns that read what policy authors write — YAML numbers, durations (``4 个工作日``,
``3日内``), opening hours (``周一至周五``), warnings (``2h before``), money (``50元``) —
were tried from every position of a long run of digits or spaces, each try scanning the
rest of the run: a value of 20,000 such characters took from seconds to minutes (found by
timing every pattern of the package on long runs). Each is now looked for from where a run
starts, its runs taken whole, and reads what the pattern it replaces read: each property
compares it with that pattern, written here as it was."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.compensation.factor_hints import written_money
from complaintkit.errors import InvalidInput
from complaintkit.policy import operators, yaml_numbers
from complaintkit.sla import chinese_durations, chinese_hours, durations, warning_points
from complaintkit.sla.durations import parse_duration

RUN = 20_000


def texts(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=24)


@given(texts("12_.eE+-x "))
def test_a_yaml_number_as_written_matches_as_before(text: str) -> None:
    before = re.compile(r"[-+]?[0-9_]*\.?[0-9_]*(?:[eE][-+]?[0-9]+)?\Z")
    assert bool(yaml_numbers._AS_WRITTEN.match(text)) == bool(before.match(text))


@given(texts("12. 个日时工作小x"))
def test_chinese_units_are_read_as_before(text: str) -> None:
    before = re.compile(
        r"([0-9]+(?:\.[0-9]+)?)\s*个?\s*(工作日|工作小时|自然日|日历日|小时|钟头|分钟|秒|天|日|周|星期|月|年)"
    )
    assert [m.groups() for m in durations._CHINESE.finditer(text)] == [
        m.groups() for m in before.finditer(text)
    ]


@given(texts(" \t内以后之x"))
def test_a_within_word_is_cut_as_before(text: str) -> None:
    before = re.compile(r"\s*(?:以内|之内|内|以后|之后|后)\s*$")
    assert chinese_durations._WITHIN.sub("", text) == before.sub("", text)


@given(texts(" \t、\uff0c,至到~x"))
def test_day_lists_and_joins_split_as_before(text: str) -> None:
    lists, joins = re.compile(r"\s*[、\uff0c,]\s*"), re.compile(r"\s*(?:至|到|~)\s*")
    stripped = text.strip()
    parts = [part.strip() for part in chinese_hours._LIST.split(stripped)]
    assert parts == lists.split(stripped)
    assert chinese_hours._hyphenated(text) == joins.sub("-", text)


@given(texts(" \tab2hbefore"))
def test_a_warning_before_the_end_is_read_as_before(text: str) -> None:
    before, stripped = re.compile(r"^(.+?)\s+before$"), text.strip()
    found, expected = warning_points._BEFORE.match(stripped), before.match(stripped)
    assert (found and found.group(1)) == (expected and expected.group(1))


@given(texts(" 1.¥元%xd"))
def test_a_number_written_with_its_unit_is_read_as_before(text: str) -> None:
    before = re.compile(
        r"\s*[¥$€£]?\s*(\d+(?:\.\d+)?)\s*(元|块钱|块|人民币|rmb|cny|usd|eur|gbp|%|天|日|小时|h|d)?\s*",
        re.IGNORECASE,
    )
    found, expected = operators._WITH_UNIT.fullmatch(text), before.fullmatch(text)
    assert (found and found.groups()) == (expected and expected.groups())


def test_long_runs_in_policy_values_are_read_at_once() -> None:
    assert operators._WITH_UNIT.fullmatch(" " * RUN + "!") is None
    assert operators._WITH_UNIT.fullmatch("1" + " " * RUN + "x") is None
    assert yaml_numbers._AS_WRITTEN.match("1" * RUN + ":30") is None
    assert durations._CHINESE.sub("", "1" * RUN + "x") == "1" * RUN + "x"
    assert chinese_durations._WITHIN.sub("", "3日" + " " * RUN + "x") == "3日" + " " * RUN + "x"
    assert chinese_hours.weekdays_advice("周一" + " " * RUN + "x") is None
    assert chinese_hours._hyphenated("9:00" + " " * RUN + "x") == "9:00" + " " * RUN + "x"
    assert warning_points._BEFORE.match("a" + " " * RUN + "b") is None
    assert written_money("x" + " " * RUN + "!") is None
    with pytest.raises(InvalidInput) as refused:  # read, then refused as too long
        parse_duration("4" * RUN + " 个" + " " * RUN + "工作日")
    assert refused.value.field == "duration"
