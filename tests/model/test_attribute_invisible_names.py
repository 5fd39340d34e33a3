"""An attribute name holding an invisible character (``"a\\ufeffb"``, a zero-width space
pasted from a web page) was stored beside ``ab``, which it looks like: a condition on
``attributes.ab`` never read it. It is refused naming the character, as such a character
in a complaint's key is; a value's nested keys are the sender's and are kept."""

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


@pytest.mark.parametrize("name", ["a\ufeffb", "\u200bshop", "shop\u200d", "sh\u2060op"])
def test_an_attribute_name_with_an_invisible_character_is_refused(name: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        Complaint.from_json(_complaint({"shop": "A", name: "x"}))
    assert raised.value.field.startswith("attributes")
    assert "invisible" in raised.value.message


def test_visible_names_and_nested_keys_are_kept() -> None:
    attributes = {"店铺": "A", "café": 1, "nested": {"a\u200bb": 1}}
    assert Complaint.from_json(_complaint(attributes)).attributes == attributes
