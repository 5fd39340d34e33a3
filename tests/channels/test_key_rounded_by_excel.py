"""A CSV file saved from Excel writes a number of twelve digits or more as Excel shows it,
rounded to six: the 18-digit order numbers of Chinese shops and the 18-digit ID card
numbers used as customer ids all read ``1.23457E+17``. Taken in so, different complaints
shared one key (the second a dead letter saying the key was "reused with different
content", the first opened under a key no system knows) and different customers one id,
merging their histories. Such a key or customer id is refused, saying what happened and
how to export the column as text."""

from __future__ import annotations

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

COLUMNS = {"external_id": "order", "received_at": "date", "text": "text", "customer.id": "card"}


def test_order_numbers_excel_rounded_are_dead_letters_not_one_case(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "order,date,text,card\n"
        "1.23457E+17,2026-11-23,cold food,110101199003071234\n"
        "1.23457E+17,2026-11-23,late rider,110101199003075678\n"
        "250911000000000001,2026-11-23,wrong dish,1.10101E+17\n"
    )
    desk = Desk(storage="memory:")
    summary = take_in(desk, "csv", CsvChannel(COLUMNS).read(str(rows)))
    assert summary.opened == 0
    assert [(where, reason.split(":")[0]) for where, reason in summary.rejected] == [
        ("rows.csv:2", "external_id"),
        ("rows.csv:3", "external_id"),
        ("rows.csv:4", "customer.id"),
    ]
    reason = summary.rejected[0][1]
    assert "'1.23457E+17'" in reason
    assert "Excel" in reason
    assert "as text" in reason


@given(st.integers(10**11, 10**19 - 1), st.integers(0, 5))
def test_a_long_number_as_excel_writes_it_is_refused(number: int, decimals: int) -> None:
    written = f"{number:.{decimals}E}".replace("E+0", "E+")
    with pytest.raises(InvalidInput) as refused:
        Complaint(
            channel="csv",
            external_id=written,
            received_at=datetime(2026, 11, 23, tzinfo=UTC),
            customer=Customer(id="c1"),
            text="late",
        )
    assert refused.value.field == "external_id"
    assert repr(written) in refused.value.message


@pytest.mark.parametrize("key", ["123456789012345678", "A-1E+17", "1E+17-B", "SKU1.2E+3", "1e10"])
def test_keys_that_are_no_rounded_number_are_taken(key: str) -> None:
    complaint = Complaint(
        channel="csv",
        external_id=key,
        received_at=datetime(2026, 11, 23, tzinfo=UTC),
        customer=Customer(id=key),
        text="late",
    )
    assert complaint.key == ("csv", key)
