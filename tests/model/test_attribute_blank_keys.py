"""An attribute with no name (``{"attributes": {"": "x"}}`` in a JSON line or an HTTP
body) is refused naming it, as the CSV mapping's blank name is: no condition can read it,
and it was stored on the case as if it said something."""

from __future__ import annotations

from typing import Any

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint


def _complaint(attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": "A1",
        "customer": {"id": "C1"},
        "text": "外卖送到已经凉了",
        "received_at": "2026-11-23T09:30:00+08:00",
        "attributes": attributes,
    }


@pytest.mark.parametrize("key", ["", " ", "\u3000", "\u200b", "\t\n"])
def test_an_attribute_with_no_name_is_refused(key: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        Complaint.from_json(_complaint({"shop": "A", key: "x"}))
    assert raised.value.field == "attributes"
    assert "no name" in raised.value.message


def test_a_nested_attribute_with_no_name_is_kept_as_its_value() -> None:
    """Only the attributes' own names are read by conditions; a value is the sender's."""
    complaint = Complaint.from_json(_complaint({"shop": {"": 1}}))
    assert complaint.attributes == {"shop": {"": 1}}
