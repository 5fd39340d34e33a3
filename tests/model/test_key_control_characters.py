"""A key (``external_id``, the customer's ``id``) holding a control character (U+0001, an
escape, DEL, a C1 control, a tab or line break inside it) was taken: most screens show it
as nothing, so ``\\x01R1`` looks like ``R1`` and the same complaint, exported again without
the stray byte, would open a second case. It is refused as an invisible format character
is, naming it and its position; a CSV row so keyed is a dead letter naming its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint

KEYS = [("\x01R1", "U+0001", 0), ("R\x1b1", "U+001B", 1), ("R1\x7f", "U+007F", 2)]
KEYS += [("R\x851", "U+0085", 1), ("A\t17", "U+0009", 1), ("订单\x0b7", "U+000B", 2)]


def record(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "channel": "app",
        "external_id": "R1",
        "received_at": "2026-11-23T09:30:00+08:00",
        "customer": {"id": "C1"},
        "text": "parcel late",
    }
    return base | fields


@pytest.mark.parametrize(("key", "named", "at"), KEYS)
def test_an_idempotency_key_with_a_control_character_is_refused(
    key: str, named: str, at: int
) -> None:
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(record(external_id=key))
    assert refused.value.field == "external_id"
    assert f"{named}" in refused.value.message
    assert f"position {at}" in refused.value.message


@pytest.mark.parametrize(("key", "named", "at"), KEYS)
def test_a_customer_id_with_a_control_character_is_refused(key: str, named: str, at: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(record(customer={"id": key}))
    assert refused.value.field == "customer.id"
    assert named in refused.value.message


def test_a_csv_row_so_keyed_is_a_located_letter(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(b"id,date,text\r\n\x01R1,2026-11-23,late\r\nR2,2026-11-23,late\r\n")
    columns = {"external_id": "id", "received_at": "date", "text": "text"}
    refused, taken = CsvChannel(columns, encoding="cp1252").read(str(path))
    assert isinstance(refused, Rejected)
    assert refused.source == "rows.csv:2"
    assert "U+0001" in refused.reason
    assert isinstance(taken, Complaint)
