"""A record taken in again whose texts differ only in white space at their ends (a
re-export that trims cells, an editor that ends a text with a newline, a JSON-lines file
written ``"late\\n"`` where the first wrote ``"late"``) is the complaint taken in before, not
a key "reused with different content (text differs)"."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.desk import Desk, Taken
from complaintkit.desk.resent import changed_fields, changed_since, digests
from complaintkit.model.complaint import Complaint, Customer

ENDS = st.text(" \t\n\r\u3000", max_size=3)


def _complaint(text: str, name: str = "王女士", **attributes: str) -> Complaint:
    return Complaint(
        channel="jsonl",
        external_id="A-1",
        received_at=datetime(2026, 11, 23, tzinfo=UTC),
        customer=Customer(id="c1", name=name),
        text=text,
        attributes=attributes,
    )


@given(ENDS, ENDS)
def test_texts_differing_only_at_their_ends_are_the_same(before: str, after: str) -> None:
    first = _complaint("送餐迟到了", order_note="放门口")
    again = _complaint(
        f"{before}送餐迟到了{after}", f"{before}王女士{after}", order_note=f"放门口{after}"
    )
    assert changed_fields(first, again) == []
    assert changed_since(digests(first), again) == []


def test_a_space_inside_a_text_is_still_a_change() -> None:
    first, again = _complaint("late again"), _complaint("lateagain")
    assert changed_fields(first, again) == ["text"]


def test_a_record_sent_again_with_a_newline_at_its_end_is_known_not_refused() -> None:
    desk = Desk(storage="memory:")
    record = {
        "channel": "jsonl",
        "external_id": "A-1",
        "received_at": "2026-11-23T10:00:00+08:00",
        "customer": {"id": "c1"},
        "text": "送餐迟到了",
    }
    desk.intake(record)
    again = desk.intake_many([{**record, "text": "送餐迟到了\n"}])
    (taken,) = again
    assert isinstance(taken, Taken)
    assert not taken.created
    assert len(desk.find()) == 1
