"""Stored JSON text reads back as the standard library reads it, whichever encoder wrote it."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.storage.json_text import dumps, loads

scalars = (
    st.none()
    | st.booleans()
    | st.integers()  # beyond 64 bits too: orjson would read those as floats
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # control characters, non-BMP characters, digit runs
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def same(a: Any, b: Any) -> bool:
    """Equal, with types: ``1 == 1.0 == True`` must not hide a changed value."""
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.copysign(1, a) == math.copysign(1, b) and a == b
    return type(a) is type(b) and a == b


@given(values)
def test_what_is_written_reads_back_as_the_standard_library_reads_it(value: Any) -> None:
    text = dumps(value)
    assert same(loads(text), json.loads(text))
    assert same(loads(text), json.loads(json.dumps(value)))


@given(values)
def test_text_the_standard_library_wrote_reads_the_same(value: Any) -> None:
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False, indent=1)):
        assert same(loads(text), json.loads(text))
        assert same(loads(text.encode()), json.loads(text))


@pytest.mark.parametrize(
    "text",
    [
        "123456789012345678901234567890",  # beyond 64 bits: an int, not a float
        '{"n": -18446744073709551617}',
        '{"amount": 0.12345678901234567890123}',
        '["NaN", NaN, Infinity]',  # what json writes for non-finite floats
        '"\\ud800"',  # a lone surrogate escape
        '{"a": 1, "a": 2}',
    ],
)
def test_what_orjson_reads_otherwise_is_read_as_the_standard_library_reads_it(text: str) -> None:
    assert same(loads(text), json.loads(text))


@pytest.mark.parametrize("text", ["{", "", '{"a": }', "[1,]"])
def test_invalid_json_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 -- the decoder's message is not ours to pin
        loads(text)


def test_values_orjson_cannot_encode_are_written_by_the_standard_library() -> None:
    assert dumps({"n": 2**70, 1: "x"}) == json.dumps(
        {"n": 2**70, 1: "x"}, ensure_ascii=False, separators=(",", ":")
    )
