"""A change's events sealed through one ``Chain`` (what ``fold`` does) against events
built field by field and hashed the general way: the same hash and the same stored text."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.model.events import GENESIS, CaseEvent, Chain

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12
)
_DATA = st.dictionaries(
    _TEXT,
    st.one_of(st.none(), st.booleans(), st.integers(-(10**20), 10**20), _TEXT, st.lists(_TEXT)),
    max_size=4,
)
_AT = st.builds(
    lambda seconds, minutes: (
        datetime(2026, 3, 2, tzinfo=UTC).astimezone(timezone(timedelta(minutes=minutes)))
        + timedelta(microseconds=seconds)
    ),
    st.integers(0, 10**12),
    st.integers(-12 * 60, 14 * 60),
)


@given(
    case_id=_TEXT,
    at=_AT,
    drafts=st.lists(st.tuples(_TEXT, _TEXT, _TEXT, _DATA), min_size=1, max_size=3),
)
def test_a_chain_seals_as_each_event_alone(
    case_id: str, at: datetime, drafts: list[tuple[str, str, str, dict[str, Any]]]
) -> None:
    chain, prev_hash = Chain(case_id, at), GENESIS
    for seq, (kind, actor, reason, data) in enumerate(drafts, start=1):
        sealed = chain.event(seq, kind, actor, reason, data, prev_hash)
        alone = CaseEvent(case_id, seq, kind, at, actor, reason, data, prev_hash)
        assert sealed.hash == alone.compute_hash()
        assert sealed == attrs.evolve(alone, hash=sealed.hash)
        assert json.loads(sealed.stored_json()) == attrs.evolve(sealed).to_json()
        prev_hash = sealed.hash
