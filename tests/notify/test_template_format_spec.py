"""A placeholder is a field name and nothing else: ``{case.compensation_total:.2f}`` or
``{case.id!r}`` is refused saying a field takes no format spec (the value is written as it
is), and ``{case.__class__}`` reaches no attribute: it is an unknown field like any other,
and rendering never looks past the fields' mapping."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.notify.templates import FIELDS, Template, TemplateMistakes


@pytest.mark.parametrize(
    ("written", "field", "spec"),
    [
        ("case.compensation_total:.2f", "case.compensation_total", ":.2f"),
        ("case.id:.2z", "case.id", ":.2z"),
        ("case.opened_at:%Y-%m-%d", "case.opened_at", ":%Y-%m-%d"),
        ("customer.name!r", "customer.name", "!r"),
        ("case.due.on_site:>10", "case.due.on_site", ":>10"),
    ],
)
def test_a_format_spec_is_refused_naming_the_field_alone(
    written: str, field: str, spec: str
) -> None:
    with pytest.raises(TemplateMistakes) as caught:
        Template.compile(f"Total {{{written}}}")
    ((message, hint),) = caught.value.mistakes
    assert message == f"unknown field {{{written}}}"
    assert spec in hint
    assert "format" in hint
    assert f"write {{{field}}}" in hint


def test_a_spec_after_a_misspelt_field_answers_the_typo() -> None:
    with pytest.raises(TemplateMistakes) as caught:
        Template.compile("{case.ownr:>10}")
    ((_, hint),) = caught.value.mistakes
    assert "did you mean {case.owner}?" in hint


@settings(max_examples=50, deadline=None)
@given(
    st.sampled_from(sorted(f for f in FIELDS if "<" not in f)),
    st.sampled_from([".__class__", ".__init__.__globals__", "[0]", ".__dict__", "!s"]),
)
def test_no_placeholder_reaches_past_a_field(field: str, reach: str) -> None:
    with pytest.raises(TemplateMistakes):
        Template.compile(f"{{{field}{reach}}}")
