"""A stored row's bytes are read by orjson only within ``STORED_DEPTH``, whichever brackets
nest it: the one pass that counts them counts ``{`` as it counts ``[``."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.audit.sql_text import STORED_DEPTH, fast_object


def _nested(kinds: list[bool]) -> str:
    """A JSON object holding, under ``x``, one level per item: an object if True, a list if not."""
    text = "1"
    for is_object in reversed(kinds):
        text = f'{{"k":{text}}}' if is_object else f"[{text}]"
    return f'{{"x":{text},"padding":"{"0" * 10}"}}'


@given(
    st.integers(STORED_DEPTH - 3, STORED_DEPTH + 3).flatmap(
        lambda depth: st.lists(st.booleans(), min_size=depth, max_size=depth)
    )
)
def test_a_row_nested_past_the_stored_depth_is_left_to_the_careful_reader(
    kinds: list[bool],
) -> None:
    text = _nested(kinds)
    read = fast_object(text.encode())
    if len(kinds) + 1 > STORED_DEPTH:  # the outer object is a level too
        assert read is None
    else:
        assert read == json.loads(text)


def test_objects_alone_count_as_levels() -> None:
    assert fast_object(_nested([True] * STORED_DEPTH).encode()) is None
    assert fast_object(_nested([False] * STORED_DEPTH).encode()) is None
    shallow = _nested([True] * (STORED_DEPTH - 1))
    assert fast_object(shallow.encode()) == json.loads(shallow)
