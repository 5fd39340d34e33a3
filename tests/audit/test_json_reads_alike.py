"""``read_json`` takes orjson's reading when orjson reads the text: it must read every text
exactly as the standard reader does, and refuse every text that one refuses.

``read_json(text, dict)`` is the standard reader on its own (a pairs hook building a dict
reads as ``json.loads`` does), so each text is read both ways and compared by ``repr``:
``1`` and ``1.0``, ``0.0`` and ``-0.0`` are equal but not alike.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.audit.sql_text import read_json

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**63 - 3, max_value=2**64 + 3)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=12,
)


def _read(text: str | bytes, **standard: Any) -> str:
    try:
        return repr(read_json(text, **standard))
    except ValueError as exc:
        return f"refused: {type(exc).__name__}"


def _alike(text: str | bytes) -> None:
    assert _read(text) == _read(text, pairs=dict), text


@given(_VALUES, st.booleans())
def test_values_read_alike(value: Any, ascii_only: bool) -> None:
    _alike(json.dumps(value, ensure_ascii=ascii_only))


@given(_VALUES, st.integers(min_value=0), st.text(max_size=3))
def test_damaged_text_reads_alike(value: Any, where: int, insert: str) -> None:
    text = json.dumps(value, ensure_ascii=False)
    where %= len(text) + 1
    damaged = text[:where] + insert + text[where:]
    _alike(damaged)
    _alike(damaged.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize(
    "text",
    [
        "18446744073709551616",  # past 64 bits: orjson reads a float, json an integer
        "-9223372036854775809",
        '{"n": 123456789012345678901234567890}',
        "NaN",
        "[Infinity]",
        "1e400",
        '"\\ud800"',  # half a surrogate pair
        '"\\ud83d\\ude00"',
        '{"a": 1, "a": 2}',
        "[" * 1100 + "]" * 1100,  # deeper than orjson reads
        "\ufeff{}",
        '{"a": "\x01"}',
        "{}".encode("utf-16"),
    ],
)
def test_edges_read_alike(text: str | bytes) -> None:
    _alike(text)


def test_integer_past_64_bits_stays_an_integer() -> None:
    assert read_json('{"n": 18446744073709551616}') == {"n": 2**64}
    assert type(read_json("[18446744073709551616]")[0]) is int
