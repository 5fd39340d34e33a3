"""A ``Rejected`` record's reason and location are at most ``brief.MESSAGE_CHARS``
characters, their start and end kept, whoever wrote them: a plugin channel's reason (a
parser's message quoting a whole record) or location of a megabyte was kept whole in the
dead letter, printed whole by the intake's summary and by ``dead-letters list``, where
docs/intake.md promises a reason of at most 600 characters. The raw bytes keep the
record whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.brief import MESSAGE_CHARS
from complaintkit.channels.base import Rejected
from complaintkit.channels.intake import take_in
from complaintkit.desk import Desk
from complaintkit.model.jsonvalues import printable
from complaintkit.testing.storage_contract import make_complaint


@given(st.integers(MESSAGE_CHARS + 1, 200_000), st.integers(MESSAGE_CHARS + 1, 200_000))
def test_a_long_reason_and_location_are_kept_brief(reason_chars: int, where_chars: int) -> None:
    reason = "why " + "r" * reason_chars + " fix it"
    where = "rows " + "w" * where_chars + " :7"
    rejected = Rejected(where, b"raw", reason)
    assert len(rejected.reason) <= MESSAGE_CHARS
    assert len(rejected.source) <= MESSAGE_CHARS
    assert rejected.reason.startswith("why ")
    assert rejected.reason.endswith(" fix it")
    assert rejected.source.endswith(" :7")


def test_a_plugin_channel_s_long_reason_is_a_brief_dead_letter() -> None:
    desk = Desk()
    raw = b"x" * 1_000_000
    summary = take_in(desk, "tickets", [Rejected("t" * 1_000_000, raw, "r" * 1_000_000)])
    (letter,) = desk.storage.dead_letters()
    assert letter.raw == raw
    assert len(letter.reason) <= MESSAGE_CHARS
    assert len(letter.source) <= len("tickets:") + MESSAGE_CHARS
    assert len(str(summary.to_json())) < 4 * MESSAGE_CHARS


@given(st.text(min_size=1, max_size=MESSAGE_CHARS // 2))
def test_a_short_reason_is_kept_as_written(reason: str) -> None:
    """Written as every reason is, a NUL or lone surrogate escaped (``printable``)."""
    assert Rejected("rows.csv:7", b"", reason).reason == printable(reason)


def test_a_long_location_s_letter_is_removed_when_its_record_is_taken_in_there() -> None:
    """The place a complaint was read is written as its letter's was: a record refused at
    a long location, then taken in there, leaves no letter behind (``letters_taken``)."""
    desk = Desk()
    where = "tickets/" + "w" * 5_000 + ":2"
    take_in(desk, "tickets", [Rejected(where, b'{"half', "unfinished")])
    assert len(desk.storage.dead_letters()) == 1
    take_in(
        desk,
        "tickets",
        [make_complaint("A-1")],
        locate=lambda: where,
        bytes_read=lambda: b'{"half": 1}',
    )
    assert desk.storage.dead_letters() == []
