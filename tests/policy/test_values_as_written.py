"""Messages to policy authors spell values as YAML writes them: a bare ``2026-01-01`` where
an operator wants text or a number said ``(got datetime.date(2026, 1, 1))``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from complaintkit.errors import PolicyError
from complaintkit.policy.as_written import as_written
from complaintkit.policy.compiled import load_policy
from complaintkit.policy.policy_numbers import to_number, to_scalar


@pytest.mark.parametrize("convert", [to_number, to_scalar])
def test_a_date_where_an_operator_wants_a_literal_is_named_as_written(convert: object) -> None:
    with pytest.raises(ValueError, match="got the date 2026-01-01") as info:
        convert(date(2026, 1, 1))  # type: ignore[operator]
    assert "datetime" not in str(info.value)
    assert "quote it" in str(info.value)


@pytest.mark.parametrize(
    ("value", "written"),
    [(True, "true"), (False, "false"), (None, "null"), (date(2026, 1, 1), "2026-01-01"),
     ("on", "'on'"), (12, "12")],
)  # fmt: skip
def test_values_are_spelt_as_yaml_writes_them(value: object, written: str) -> None:
    assert as_written(value) == written


def test_a_long_value_is_cut_to_fit_a_terminal() -> None:
    assert len(as_written("x" * 10_000)) < 60


# Lists and mappings, and the values inside them, are spelt in YAML's flow style.

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.dates(),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


@given(_values)
def test_yaml_reads_back_what_a_message_spells(value: object) -> None:
    written = as_written(value)
    assume("characters)" not in written)  # cut to fit a terminal
    assert yaml.safe_load(written) == value


@pytest.mark.parametrize(
    ("value", "written"),
    [(["a", "b"], "[a, b]"), ({"x": 1}, "{x: 1}"), ([None, True, "no"], "[null, true, 'no']"),
     ({"on": []}, "{'on': []}"), (["a, b"], "['a, b']")],
)  # fmt: skip
def test_lists_and_mappings_are_spelt_in_flow_style(value: object, written: str) -> None:
    assert as_written(value) == written


_BROKEN_ROWS = """\
complaintkit: 1
categories: {other: {label: {en: Other}}}
severities: {minor: {label: {en: Minor}}}
priorities: {normal: {label: {en: Normal}}}
teams: {desk: {label: {en: Desk}, default_owner: li.na}}
classification:
  rules:
    - [a, b]
    - null
    - true
    - {id: [x], then: [c]}
  default: {category: other, severity: minor, priority: normal}
routing: {rules: {a: 1}, default: {team: desk}}
"""


def test_structural_messages_spell_values_as_the_author_wrote_them(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(_BROKEN_ROWS, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(tmp_path / "policy.yaml")
    messages = "\n".join(p.message + " " + p.hint for p in info.value.problems)
    for python in ("None", "True", "['", "{'"):
        assert python not in messages
    for written in ("[a, b]", "null", "true", "[x]", "[c]", "{a: 1}"):
        assert written in messages
