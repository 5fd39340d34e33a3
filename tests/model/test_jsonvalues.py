"""What outside text and JSON values must be before a store keeps them (``model.jsonvalues``)."""

from __future__ import annotations

import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint, checked_text, shows_nothing
from complaintkit.model.jsonvalues import MAX_DEPTH, check_text, parse_json, plain

#: Mostly ASCII (the fast path), with the characters a store refuses and some CJK.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=127),
        st.sampled_from(["\x00", "\ud800", "\udfff", "好", "é", "😀"]),
    )
)


def _first_bad(text: str) -> int | None:
    return next((i for i, c in enumerate(text) if c == "\x00" or "\ud800" <= c <= "\udfff"), None)


@given(TEXT)
def test_check_text_refuses_exactly_nul_and_lone_surrogates_at_their_position(text: str) -> None:
    bad = _first_bad(text)
    if bad is None:
        assert check_text(text, "f") is text
    else:
        with pytest.raises(InvalidInput, match=f"^f: holds .* at position {bad}$"):
            check_text(text, "f")


@given(st.dictionaries(TEXT, st.one_of(TEXT, st.integers(), st.none(), st.booleans())))
def test_plain_keeps_clean_mappings_and_names_the_key_of_bad_text(data: dict[str, object]) -> None:
    bad = [k for k, v in data.items() if _first_bad(k) is not None or (
        isinstance(v, str) and _first_bad(v) is not None
    )]  # fmt: skip
    if not bad:
        assert plain(data, "attributes") == data
    else:
        with pytest.raises(InvalidInput) as refused:
            plain(data, "attributes")
        assert refused.value.field.startswith("attributes.")


@given(st.text(alphabet=st.sampled_from([" ", "\t", "\n", "\u3000", "\x1c", "\u00a0", "x"])))
def test_required_text_is_refused_exactly_when_it_strips_to_nothing(text: str) -> None:
    data = {
        "channel": "web",
        "external_id": "W-1",
        "received_at": "2026-11-23T09:30:00+08:00",
        "customer": {"id": "C1"},
        "text": text,
    }
    if text.strip():
        assert Complaint.from_json(data).text == text
    else:
        with pytest.raises(InvalidInput, match="^text: is required"):
            Complaint.from_json(data)


@pytest.mark.parametrize("char", ["x", '\\"'], ids=["plain", "escaped quotes"])
def test_parse_json_of_a_long_string_needs_memory_in_proportion_to_it(char: str) -> None:
    """The nesting check scanned strings with a pattern that kept ~120 bytes of state per
    character: a 50 MB JSON line peaked at 6 GB before its text was refused as too long."""
    raw = ('{"text": "' + char * 1_000_000 + '"}').encode()
    tracemalloc.start()
    try:
        parse_json(raw, "line")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * len(raw)


@pytest.mark.parametrize(
    "raw",
    [
        '{"external_id": "A-1", "text": "first words", "text": "second words"}',
        '{"customer": {"id": "c1", "contact": "a@x.example", "contact": "b@y.example"}}',
    ],
    ids=["top level", "nested"],
)
def test_parse_json_refuses_a_key_given_twice(raw: str) -> None:
    """Only the last value would hold, the first dropped without a word (as two From headers
    are refused in mail: which one holds is unclear)."""
    with pytest.raises(InvalidInput, match="^line: has the key '(text|contact)' more than once"):
        parse_json(raw.encode(), "line")


@pytest.mark.parametrize("depth", [1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2, 1_000])
def test_nesting_is_refused_past_the_limit_whatever_the_brackets_in_strings(depth: int) -> None:
    """A document as deep as the limit (its values one more) is read; deeper is refused,
    and brackets inside strings count for nothing either way."""
    document = '{"a":' * depth + '"' + "[[[[{{{{" * 20 + '"' + "}" * depth
    if depth <= MAX_DEPTH:
        assert parse_json(document, "line") is not None
    else:
        with pytest.raises(InvalidInput, match="nests deeper"):
            parse_json(document, "line")


#: Text as required fields get it: some blank or invisible, some beginning with a letter.
FIELD_TEXT = st.one_of(
    TEXT,
    st.text(alphabet=st.sampled_from([" ", "\u200b", "\ufeff", "a", "好", "\x00", "\ud800"])),
)


@given(FIELD_TEXT, st.booleans())
def test_checked_text_keeps_exactly_what_check_text_keeps_and_is_not_blank(
    text: str, required: bool
) -> None:
    """``checked_text`` answers ASCII text itself: the same answer as the checks it skips."""
    blank = required and shows_nothing(text)
    bad = _first_bad(text)
    if not blank and bad is None:
        assert checked_text(text, "f", 100_000, required) is text
    else:
        reason = "is required" if blank else f"holds .* at position {bad}"
        with pytest.raises(InvalidInput, match=f"^f: {reason}"):
            checked_text(text, "f", 100_000, required)
