"""An amount of money given with a key beside ``amount`` and ``currency``.

``{"amount": "100", "currency": "CNY", "note": "half of it refunded already"}`` was taken
in as 100 CNY and the note dropped without a word, while an unknown key of the complaint
or of its customer is refused: the sender's words were lost, and a key misspelt beside
the amount (``"curency"`` with ``"currency"``) passed unseen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint
from complaintkit.model.money import Money


def test_money_from_json_refuses_a_key_it_does_not_read() -> None:
    with pytest.raises(InvalidInput) as refused:
        Money.from_json({"amount": "100", "currency": "CNY", "note": "half"})
    assert refused.value.field == "amount.note"
    assert "amount, currency" in refused.value.message


def test_a_complaint_whose_amount_has_an_unknown_key_is_refused_naming_it() -> None:
    data = {
        "channel": "web",
        "external_id": "W-1",
        "received_at": "2026-11-23T09:30:00+08:00",
        "customer": {"id": "c1"},
        "text": "the parcel arrived broken",
        "amount": {"amount": "100", "currency": "CNY", "paid": "50"},
    }
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(data)
    assert refused.value.field == "amount.paid"


def test_a_jsonl_line_whose_amount_has_an_unknown_key_is_a_dead_letter(tmp_path: Path) -> None:
    line = {
        "channel": "web",
        "external_id": "W-1",
        "received_at": "2026-11-23T09:30:00+08:00",
        "customer": {"id": "c1"},
        "text": "the parcel arrived broken",
        "amount": {"amount": "100", "currency": "CNY", "note": "half"},
    }
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (record,) = JsonLinesChannel().read(str(source))
    assert isinstance(record, Rejected)
    assert record.reason.startswith("amount.note: ")
