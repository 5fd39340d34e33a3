"""Stored JSON text reads back as what was stored, whichever encoder wrote it."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.storage.json_text import dumps, dumps_utf8

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)  # beyond 64 bits: json writes them
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # control characters, lone surrogates, non-BMP characters
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(), inner, max_size=4)
        | st.dictionaries(st.integers(), inner, max_size=2)  # keys json writes as text
    ),
    max_leaves=20,
)


def same(a: Any, b: Any) -> bool:
    """Equal, with types: ``1 == 1.0 == True`` must not hide a changed value."""
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float) and isinstance(b, float):
        return math.copysign(1, a) == math.copysign(1, b) and a == b
    return type(a) is type(b) and a == b


@given(values)
def test_what_is_written_reads_back_as_what_json_would_have_written(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert same(json.loads(dumps(value)), json.loads(expected))


def test_values_orjson_cannot_encode_are_written_by_json() -> None:
    value = {"n": 2**70, 1: "x", "s": "\ud800"}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_text_is_compact_and_keeps_non_ascii_characters() -> None:
    assert (
        dumps({"text": "牛奶变质了", "n": [1, 2.5, None]})
        == '{"text":"牛奶变质了","n":[1,2.5,null]}'
    )


@given(values)
def test_the_utf8_form_is_the_utf8_of_the_text(value: Any) -> None:
    text = dumps(value)
    try:
        expected = text.encode()
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8, as sqlite3 would not bind it
        with pytest.raises(UnicodeEncodeError):
            dumps_utf8(value)
    else:
        assert dumps_utf8(value) == expected
