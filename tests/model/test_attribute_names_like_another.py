"""An attribute name with white space at its start or end (``"shop "``) or written
decomposed (``"Mu\\u0308ller"``) looks like another name (``shop``, ``Müller``) that a
condition reads, and is not it: refused as such a complaint's key is (b97bbaf0,
dcf7db4c), naming the character and where it is. Spaces inside a name, and a value's
nested keys, which are the sender's, are kept."""

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


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("shop ", "U+0020"),
        ("\tshop", "U+0009"),
        ("店铺\u3000", "U+3000"),
        ("Mu\u0308ller", "U+0308"),
    ],
)
def test_an_attribute_name_like_another_is_refused(name: str, named: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        Complaint.from_json(_complaint({name: "x"}))
    assert raised.value.field == f"attributes.{name}"
    assert named in raised.value.message


def test_spaces_inside_a_name_and_nested_keys_are_kept() -> None:
    attributes = {"order note": "A", "nested": {" a ": 1, "Mu\u0308ller": 2}}
    assert Complaint.from_json(_complaint(attributes)).attributes == attributes
