"""The members of a JSON object read a piece at a time are those ``json.loads`` reads from
it whole, however the text is cut into pieces and however long its other values are; a
verdict read from them is the one read from the parsed object."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.notify.json_members import UNREAD, ObjectMembers
from complaintkit.notify.robot_verdict import FIELD_NAMES, refusal
from complaintkit.notify.visible_text import visible

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
_NAMES = st.sampled_from(sorted(FIELD_NAMES)) | st.text(max_size=8)


def _read(text: str, cuts: list[int], kept: int = 1000) -> ObjectMembers:
    members = ObjectMembers(FIELD_NAMES, kept=kept)
    at = 0
    for cut in sorted({*cuts, len(text)}):
        members.feed(text[at:cut])
        at = cut
    return members


@settings(max_examples=80)
@given(
    answer=st.dictionaries(_NAMES, _JSON, max_size=6),
    indent=st.sampled_from([None, 0, 2]),
    ascii_only=st.booleans(),
    cuts=st.lists(st.integers(0, 400), max_size=12),
)
def test_members_read_in_pieces_are_those_parsed_whole(
    answer: dict[str, object], indent: int | None, ascii_only: bool, cuts: list[int]
) -> None:
    text = json.dumps(answer, indent=indent, ensure_ascii=ascii_only)
    members = _read(text, cuts, kept=len(text))
    assert members.done
    wanted = {name: value for name, value in answer.items() if name in FIELD_NAMES}
    assert {name: member.value() for name, member in members.members.items()} == wanted


@settings(max_examples=80)
@given(
    code=st.integers(-(2**70), 2**70) | st.booleans() | st.text(max_size=3),
    words=_JSON,
    fields=st.sampled_from(
        [("errcode", "errmsg"), ("code", "msg"), ("StatusCode", "StatusMessage")]
    ),
    before=st.dictionaries(st.text(max_size=8), _JSON, max_size=3),
    cuts=st.lists(st.integers(0, 400), max_size=12),
)
def test_a_verdict_read_in_pieces_is_the_one_parsed_whole(
    code: object,
    words: object,
    fields: tuple[str, str],
    before: dict[str, object],
    cuts: list[int],
) -> None:
    answer = {**before, fields[0]: code, fields[1]: words}
    found = refusal(_read(json.dumps(answer), cuts).members)
    assert (None if found is None else (found.code, found.message)) == _verdict(answer)


def _verdict(answer: dict[str, object]) -> tuple[int, str] | None:
    """The verdict the parsed object holds: the first pair of a code that is a number and
    a message beside it."""
    for code_field, message_field in (
        ("errcode", "errmsg"),
        ("code", "msg"),
        ("StatusCode", "StatusMessage"),
    ):
        code = answer.get(code_field)
        if type(code) is not int or message_field not in answer:
            continue
        return None if code == 0 else (code, visible(str(answer[message_field])))
    return None


def test_a_long_value_is_kept_only_in_part() -> None:
    members = ObjectMembers(FIELD_NAMES, kept=10)
    members.feed(json.dumps({"errmsg": "x" * 1000, "errcode": 5}))
    assert members.done
    assert members.members["errmsg"].value() is UNREAD
    assert members.members["errmsg"].words() == "x" * 9
    assert members.members["errcode"].value() == 5


def test_what_is_no_object_is_done_at_its_first_character() -> None:
    for text in ("ok", "[1]", '"errcode"', "<html>"):
        members = ObjectMembers(FIELD_NAMES)
        assert members.feed(text)
        assert members.members == {}


def test_an_object_not_yet_closed_waits_for_more() -> None:
    members = ObjectMembers(FIELD_NAMES)
    assert not members.feed('{"errcode": 5, "errmsg": "no"')
    assert members.members["errcode"].value() == 5
    assert members.feed("}")
