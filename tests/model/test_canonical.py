"""Canonical JSON is the standard library's sorted compact text, byte for byte: every stored
hash covers it, so the fast encoder may never write another text."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model.canonical import canonical_json, canonical_utf8


def standard(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


texts = st.text(st.characters(codec=None, exclude_categories=()))  # lone surrogates too
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63 - 8, max_value=2**64 + 8)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.floats(min_value=1e-10, max_value=1e-3)
    | st.sampled_from(["0.00001", "e-7", "1e-05", '\b\f\n\r\t\x00\x1f\x7f\u2028"\\'])
    | texts
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            texts | st.sampled_from(["", "a", "é", "中", "😀", "\uffff"]), inner, max_size=4
        )
    ),
    max_leaves=20,
)


@given(values)
def test_canonical_text_is_the_standard_librarys(data: Any) -> None:
    assert canonical_json(data) == standard(data)


@given(values)
def test_the_hashed_bytes_are_the_canonical_text_in_utf8(data: Any) -> None:
    """What event hashes take; a lone surrogate has no UTF-8, and is refused as ``encode``
    refuses it."""
    try:
        expected = standard(data).encode()
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            canonical_utf8(data)
    else:
        assert canonical_utf8(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        [1e-05, 2.5e-07, 1e-09, 6.26703014325946e-05, 0.0001, 1e16, 5e-324, -0.0],
        {"big": 2**70, "small": -(2**63) - 1},
        {"\ud800": "lone surrogate"},
        {"z": 1, "a": {"中": 2, "😀": 3, "é": 4}},
        {1: "an integer key", 2: "another"},
        ("a tuple", 1),
    ],
)
def test_values_the_fast_encoder_writes_otherwise_or_refuses(data: Any) -> None:
    assert canonical_json(data) == standard(data)


@pytest.mark.parametrize("value", [datetime(2026, 1, 1, tzinfo=UTC), {1, 2}, b"bytes"])
def test_what_the_standard_library_refuses_stays_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        canonical_json({"value": value})
