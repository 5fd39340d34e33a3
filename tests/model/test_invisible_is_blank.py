"""Text of invisible characters alone (a zero-width space, a byte order mark, a soft
hyphen, with spaces or not) says nothing, as blank text says nothing: a complaint whose
description, product or customer id is such text is refused naming the field, as one of
spaces is. A report filed it under a product without a name, which ``--product`` could
not ask for."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.errors import InvalidInput
from complaintkit.model.complaint import Complaint

INVISIBLE = ["\u200b", "\ufeff", "\u00ad", "\u2060", "\u200e", "\u3000\u200b "]
#: Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt): characters no
#: font draws, assigned or not (U+E0080, in the tags block, is unassigned and ignorable).
IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip


def drawn(char: str) -> bool:
    """Whether ``char`` shows: no white space, format character or ignorable one."""
    if char.isspace() or unicodedata.category(char) == "Cf":
        return False
    return not any(low <= ord(char) <= high for low, high in IGNORABLE)


def complaint(**fields: Any) -> dict[str, Any]:
    return {
        "channel": "web",
        "external_id": "W-1",
        "received_at": "2026-11-23T09:00:00+08:00",
        "customer": {"id": "C-1"},
        "text": "牛奶过期了",
        **fields,
    }


@pytest.mark.parametrize("blank", INVISIBLE)
@pytest.mark.parametrize("field", ["text", "product", "order_id"])
def test_invisible_text_is_refused_as_blank_text_is(field: str, blank: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(complaint(**{field: blank}))
    assert refused.value.field == field
    assert "blank" in str(refused.value)


@pytest.mark.parametrize("blank", INVISIBLE)
def test_a_customer_named_by_invisible_characters_is_refused(blank: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(complaint(customer={"id": blank}))
    assert refused.value.field == "customer.id"


@example("\U000e0080", "\u200b")  # unassigned, but ignorable: nothing shows
@example("\u3164", "\u200b")  # the Hangul filler
@example("\ufe0f", "\u200b")  # a variation selector
@given(st.text(min_size=1), st.sampled_from(INVISIBLE))
def test_text_with_anything_visible_in_it_stays(shown: str, blank: str) -> None:
    visible = any(drawn(c) for c in shown)
    text = blank + shown + blank
    refusal = ""
    try:
        taken = Complaint.from_json(complaint(text=text))
    except InvalidInput as refused:  # a lone surrogate, a NUL: refused for that, not blank
        refusal = str(refused)
    assert ("blank" in refusal) == (not visible)
    if not refusal:
        assert taken.text == text


@pytest.mark.parametrize("blank", INVISIBLE)
def test_a_response_of_invisible_characters_says_nothing(blank: str) -> None:
    """Else it would stop the first-response clock and show the customer nothing."""
    desk = Desk(storage="memory:", clock=ManualClock(datetime(2026, 11, 23, 2, tzinfo=UTC)))
    case = desk.intake(complaint())
    with pytest.raises(InvalidInput) as refused:
        desk.respond(case.id, blank, actor="li.na")
    assert refused.value.field == "message"
    assert desk.get(case.id).version == case.version


@pytest.mark.parametrize("blank", ["", " ", *INVISIBLE])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("product", None),
        ("order_id", None),
        ("language", None),
        ("customer", "name"),
        ("customer", "tier"),
        ("customer", "region"),
    ],
)
def test_a_blank_optional_field_is_not_called_required(
    field: str, value: str | None, blank: str
) -> None:
    """A field one may leave out, sent blank, is refused for being blank, with the way out:
    "is required" told the sender to fill in what the model does not ask for."""
    given = {field: blank} if value is None else {"customer": {"id": "C-1", value: blank}}
    with pytest.raises(InvalidInput) as refused:
        Complaint.from_json(complaint(**given))
    named = field if value is None else f"customer.{value}"
    assert refused.value.field == named
    assert "required" not in refused.value.message
    assert "leave it out" in refused.value.message
    blank_text = complaint(text=blank)
    with pytest.raises(InvalidInput) as required:
        Complaint.from_json(blank_text)
    assert "required" in required.value.message
