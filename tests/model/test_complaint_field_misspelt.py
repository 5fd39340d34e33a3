"""A complaint whose field is misspelt (``txt`` for ``text``, ``recieved_at``) was refused
for the field it meant, "text: is required", never naming the key written: in a policy
test, an intake file or a request, the author looked for a missing text that was there."""

from __future__ import annotations

import pytest

from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint

WHOLE = {
    "channel": "web",
    "external_id": "1",
    "received_at": "2026-11-23T09:00:00+08:00",
    "customer": {"id": "c"},
    "text": "牛奶变质",
}


@pytest.mark.parametrize(
    ("written", "meant"), [("txt", "text"), ("recieved_at", "received_at"), ("Text", "text")]
)
def test_a_misspelt_required_field_is_named_with_the_one_meant(written: str, meant: str) -> None:
    data = {k: v for k, v in WHOLE.items() if k != meant} | {written: WHOLE[meant]}
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(data)
    assert refused.value.field == written
    assert f"did you mean {meant}?" in refused.value.message


def test_a_missing_field_with_nothing_like_it_is_required() -> None:
    data = {k: v for k, v in WHOLE.items() if k != "text"}
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(data)
    assert (refused.value.field, refused.value.message) == ("text", "is required")


@pytest.mark.parametrize(
    ("written", "meant"),
    [("内容", "text"), ("投诉内容", "text"), ("內容", "text"), ("接收时间", "received_at")],
)
def test_a_field_named_in_chinese_is_named_with_the_one_meant(written: str, meant: str) -> None:
    """An intake sheet's Chinese column name (内容 for the text) gets the field to write,
    not "text: is required" for a text that is there."""
    data = {k: v for k, v in WHOLE.items() if k != meant} | {written: WHOLE[meant]}
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(data)
    assert refused.value.field == written
    assert f"did you mean {meant}?" in refused.value.message
