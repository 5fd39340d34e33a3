"""An idempotency key with a space at its start or end looks like the key without it and
is not it: a JSON-lines export of a database's ``CHAR(12)`` column writes ``"A-17        "``,
and the export after the column became ``VARCHAR`` writes ``"A-17"``, so every complaint
taken in again opened a second case (a CSV cell is read without the spaces around it, a
Message-ID without those inside its brackets, so only JSON kept them). Such a key, or
customer id, is refused, naming the space and where it is."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import take_in
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint, Customer

RECORD = {
    "external_id": "A-17",
    "received_at": "2026-11-23T09:30:00+08:00",
    "customer": {"id": "c1"},
    "text": "屏幕有坏点",
}


def test_a_key_padded_by_a_char_column_is_a_dead_letter_not_a_second_case(
    tmp_path: Path,
) -> None:
    before, after = tmp_path / "before.jsonl", tmp_path / "after.jsonl"
    before.write_text(json.dumps({**RECORD, "external_id": "A-17        "}) + "\n")
    after.write_text(json.dumps(RECORD) + "\n")
    desk = Desk(storage="memory:")
    first = take_in(desk, "orders", JsonLinesChannel(channel="orders").read(str(before)))
    second = take_in(desk, "orders", JsonLinesChannel(channel="orders").read(str(after)))
    assert (first.opened, second.opened) == (0, 1)
    [(where, reason)] = first.rejected
    assert where == "before.jsonl:1"
    assert reason.startswith("external_id:")
    assert "U+0020" in reason
    assert "position 11" in reason
    assert "'A-17'" in reason  # the key it looks like


def test_a_customer_id_with_a_space_at_its_start_is_refused_not_another_customer() -> None:
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json({**RECORD, "channel": "web", "customer": {"id": "\u3000c1"}})
    assert refused.value.field == "customer.id"
    assert "U+3000" in refused.value.message
    assert "position 0" in refused.value.message


spaces = st.characters(categories=["Zs", "Zl", "Zp"]) | st.sampled_from("\t\n\r\x0b\x0c\x85")
keys = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,10}", fullmatch=True)


@given(keys, st.lists(spaces, min_size=1, max_size=3), st.booleans())
def test_any_key_with_white_space_around_it_is_refused_at_that_space(
    key: str, padding: list[str], leading: bool
) -> None:
    pad = "".join(padding)
    padded = pad + key if leading else key + pad
    with pytest.raises(InvalidInput) as refused:
        Complaint(
            channel="web",
            external_id=padded,
            received_at=datetime(2026, 11, 23, tzinfo=UTC),
            customer=Customer(id="c1"),
            text="late",
        )
    assert refused.value.field == "external_id"
    position = 0 if leading else len(padded) - 1
    said = refused.value.message
    assert f"U+{ord(padded[position]):04X}" in said
    assert f"position {position}" in said
    assert repr(key) in said


@given(keys, keys)
def test_spaces_inside_a_key_are_part_of_it(start: str, end: str) -> None:
    """A Message-ID written ``<Outlook 1@host>`` is kept whole, its space too."""
    key = f"{start} {end}"
    assert Complaint(
        channel="web",
        external_id=key,
        received_at=datetime(2026, 11, 23, tzinfo=UTC),
        customer=Customer(id=key),
        text="late",
    ).key == ("web", key)
