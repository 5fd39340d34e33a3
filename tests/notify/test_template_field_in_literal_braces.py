"""A field inside literal braces, ``{{{case.id}}}`` (``{{`` a brace, ``{case.id}`` the
field, ``}}`` a brace), reads ``{CK-1}``: it is no field written in double braces, which
was refused saying the customer would read ``{case.id}``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.notify.templates import FIELDS, Template, TemplateMistakes


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("{{{case.id}}}", "{CK-1}"),
        ("\u5173\u4e8e{{{customer.name}}}", "\u5173\u4e8e{Sam}"),
    ],
)
def test_literal_braces_around_a_field(written: str, shown: str) -> None:
    fields = {"case.id": "CK-1", "customer.name": "Sam"}
    assert Template.compile(written).render(fields) == shown


#: every field but the status link, which letters part from a brace after it as from any
#: character a mail program would link with it (tests/api/test_status_link_punctuation.py)
_PLAIN = sorted(f for f in FIELDS if "<" not in f and f != "case.status_url")


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(_PLAIN), st.integers(0, 3))
def test_a_field_is_refused_only_where_two_braces_are_the_innermost(field: str, pairs: int) -> None:
    """2k+1 braces around a field are k literal braces and the field; 2k are k-1 literal
    braces and a field in double braces, refused."""
    odd = "{" * (2 * pairs + 1) + field + "}" * (2 * pairs + 1)
    assert Template.compile(odd).render({field: "V"}) == "{" * pairs + "V" + "}" * pairs
    if pairs:
        with pytest.raises(TemplateMistakes):
            Template.compile("{" * (2 * pairs) + field + "}" * (2 * pairs))
