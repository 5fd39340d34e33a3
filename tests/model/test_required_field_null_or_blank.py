"""A required field written with no value — ``"text": null`` or ``""``, as an export writes
an empty cell — is "required", and nothing else: it was said to be a key that looks like
the field but is not in Unicode's composed form, sending the sender to hunt for an
invisible character the key does not hold."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint

GOOD = {
    "channel": "web",
    "external_id": "1",
    "received_at": "2026-01-01T09:00:00+08:00",
    "customer": {"id": "c"},
    "text": "变质",
}


@pytest.mark.parametrize("field", ["channel", "external_id", "received_at", "customer", "text"])
@pytest.mark.parametrize("empty", [None, ""])
def test_a_required_field_with_no_value_is_only_required(field: str, empty: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json({**GOOD, field: empty})
    assert str(refused.value) == f"{field}: is required"


def test_a_lookalike_key_is_still_named() -> None:
    data = {k: v for k, v in GOOD.items() if k != "text"} | {"\ufefftext": "变质"}
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(data)
    assert "looks like 'text'" in str(refused.value)
