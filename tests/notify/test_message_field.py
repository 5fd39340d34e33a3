"""``{message}`` shows text: a custom event's ``message`` of another JSON kind is no sentence.

``complaintkit cases event CK-… holding_reply --data '{"message": null}'`` sent the customer
"None", and a message given per language sent them ``{'zh': '稍等', 'en': 'wait'}``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.notify.templates import Template, template_fields

COMPLAINT = {
    "channel": "web",
    "external_id": "M-1",
    "received_at": "2026-11-23T09:30:00+08:00",
    "customer": {"id": "c1", "name": "Sam", "contact": "sam@example.com"},
    "text": "the parcel is late",
}


def rendered(data: dict[str, Any]) -> str:
    desk = Desk(storage="memory:", clock=ManualClock(datetime(2026, 11, 23, 2, tzinfo=UTC)))
    case = desk.intake(COMPLAINT)
    case = desk.record_event(case.id, "holding_reply", actor="li.na", data=data)
    event = desk.storage.events(case.id)[-1]
    assert event.kind == "holding_reply"
    return Template.compile("[{message}]").render(template_fields(case, event, language="en"))


@pytest.mark.parametrize(
    "message",
    [None, True, False, {"zh": "稍等", "en": "wait"}, ["wait", "please"], {}],
)
def test_a_message_that_is_no_text_shows_nothing(message: object) -> None:
    assert rendered({"message": message}) == "[]"


@pytest.mark.parametrize(("message", "shown"), [("wait", "wait"), (42, "42"), (1.5, "1.5")])
def test_text_and_numbers_are_shown_as_written(message: object, shown: str) -> None:
    assert rendered({"message": message}) == f"[{shown}]"


#: Text every backend stores: a NUL or a lone surrogate is refused when the event is recorded.
stored_text = st.characters(codec="utf-8", exclude_characters="\x00")
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(stored_text, max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(stored_text, max_size=3), inner)
    ),
    max_leaves=5,
)


@settings(max_examples=25, deadline=None)
@given(json_values)
def test_no_python_spelling_reaches_the_customer(message: object) -> None:
    text = rendered({"message": message})
    if isinstance(message, str) or (isinstance(message, int) and not isinstance(message, bool)):
        assert text == f"[{message}]"
    else:  # null, true, a list or a mapping: nothing, never Python's spelling of it
        assert text == "[]"
