"""How deep a JSON text nests is read with each string read once, from its opening quote.

``nests_deeper`` guards every JSON body before it is parsed (HTTP bodies, JSON lines, stored
rows). It removed the strings with a search begun anew at every quote, so in a body of
escaped quotes (``"\\"\\"\\"…``, never closed) each one began a string read on to the end:
quadratic, six seconds for 80,000 characters and hours for a megabyte. It now reads the
text as a JSON parser does, a string from its opening quote to its closing one (to the end
when there is none), so a bracket inside a string is never counted, wherever the string
began.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.jsonvalues import MAX_DEPTH, nests_deeper, parse_json
from complaintkit.policy.json_depth import too_deep_at


@given(st.text(alphabet='"\\[]{}a:,', max_size=200), st.integers(0, 12))
def test_the_depth_is_the_one_a_parser_reads(text: str, levels: int) -> None:
    """As the policy reader's scan, one character at a time, finds it."""
    assert nests_deeper(text, levels) == (too_deep_at(text, levels) is not None)


def test_brackets_after_an_escaped_quote_are_inside_the_string() -> None:
    """The search began a string at the escaped quote and counted the brackets after it."""
    text = '"\\"' + "[" * (MAX_DEPTH + 5)
    assert too_deep_at(text, 0) is None
    assert not nests_deeper(text, MAX_DEPTH)


def test_a_body_of_escaped_quotes_is_refused_as_json_it_is_not() -> None:
    body = "[" * (MAX_DEPTH + 2) + '"\\' * 200_000  # 400 kB: minutes before
    with pytest.raises(InvalidInput) as refused:
        parse_json(body)
    assert refused.value.field == "body"
