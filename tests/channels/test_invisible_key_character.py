"""An idempotency key holding an invisible character (a byte order mark inside it, a
zero-width space pasted in) looks like another key and is not it: the row ``b\\ufeff1``
would open a second case beside ``b1``. Such a key is refused, naming the character and
where it is. A mark starting a row is a joined export's, and is dropped."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint, Customer

COLUMNS = {"external_id": "id", "received_at": "date", "text": "text"}


def test_a_byte_order_mark_starting_a_row_is_dropped_not_a_second_case(
    tmp_path: Path,
) -> None:
    # the mark is a joined export's, not the key's: the row is b1 again, already known
    rows = tmp_path / "rows.csv"
    rows.write_bytes(b"id,date,text\nb1,2026-11-23,late\n\xef\xbb\xbfb1,2026-11-23,late\n")
    desk = Desk(storage="memory:")
    summary = take_in(desk, "csv", CsvChannel(COLUMNS).read(str(rows)))
    assert summary.opened == 1
    assert summary.already_known == 1
    assert summary.rejected == []


def test_a_byte_order_mark_inside_a_key_is_a_dead_letter_not_a_second_case(
    tmp_path: Path,
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_bytes(b"id,date,text\nb1,2026-11-23,late\nb\xef\xbb\xbf1,2026-11-23,late\n")
    desk = Desk(storage="memory:")
    summary = take_in(desk, "csv", CsvChannel(COLUMNS).read(str(rows)))
    assert summary.opened == 1
    [(where, reason)] = summary.rejected
    assert where == "rows.csv:3"
    # the customer id the CSV channel makes of the key (csv:<id>) holds it too
    assert reason.startswith(("external_id:", "customer.id:"))
    assert "U+FEFF" in reason


invisible = st.characters(categories=["Cf"])


@given(st.text(max_size=5), invisible, st.text(max_size=5))
def test_a_key_with_an_invisible_character_is_refused_at_its_position(
    before: str, hidden: str, after: str
) -> None:
    key = f"k{before}{hidden}{after}"
    with pytest.raises(InvalidInput) as refused:
        Complaint(
            channel="web",
            external_id=key,
            received_at=datetime(2026, 11, 23, tzinfo=UTC),
            customer=Customer(id="c1"),
            text="late",
        )
    assert refused.value.field == "external_id"
    first = next(i for i, c in enumerate(key) if unicodedata.category(c) == "Cf")
    said = refused.value.message  # or another fault found first: a NUL, a lone surrogate
    assert (f"U+{ord(key[first]):04X}" in said and f"position {first}" in said) or "U+" not in said


def test_a_customer_id_with_an_invisible_character_is_refused_not_a_second_customer() -> None:
    """A customer id keys the customer's history (repeat complaints, caps on money): with a
    zero-width space pasted in it was another customer, whose history is empty."""
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(
            {
                "channel": "web",
                "external_id": "k1",
                "received_at": "2026-11-23T09:00:00+00:00",
                "customer": {"id": "C\u200b1"},
                "text": "late",
            }
        )
    assert refused.value.field == "customer.id"
    assert "U+200B" in refused.value.message
    assert "position 1" in refused.value.message
