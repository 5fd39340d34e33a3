"""The status page shows the direction controls in written text, as the customer's letters do.

A subject, an answer or a resolution holding a right-to-left override (U+202E) or an
isolate was written into the page raw, inside an element with ``dir="auto"``: the element
kept it from reordering the page around it, but not the words after it, so
``"refund 12.80 \\u202e0 CNY"`` drew its amount backwards and a typed ``\\u202e1-klim`` read
"milk-1". The page now shows each such character as ``[U+202E]``, as a letter's body and
Subject do (``notify.visible_text``); line breaks and tabs stay, and the text is kept, in
its own direction, in the element that holds it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.pages import status_page
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk

T0 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
CONTROL = st.sampled_from(
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)
WRITTEN = (
    st.lists(st.one_of(WORDS, CONTROL), min_size=1, max_size=6)
    .map("".join)
    .filter(lambda text: DIRECTION_CONTROLS.sub("", text).strip() != "")
)


def _page(subject: str, answer: str, resolution: str) -> str:
    clock = ManualClock(T0)
    desk = Desk(storage="memory:", clock=clock)
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "customer": {"id": "c-1"},
            "received_at": T0.isoformat(),
            "subject": subject,
            "text": "text",
        }
    )
    clock.advance(timedelta(minutes=5))
    desk.respond(case.id, answer, actor="li.na")
    clock.advance(timedelta(minutes=5))
    case = desk.resolve(case.id, resolution, actor="li.na")
    page = status_page(desk, case, desk.history(case.id), "en")
    return bytes(page.body).decode("utf-8")


def test_an_override_in_written_text_is_shown_not_obeyed() -> None:
    page = _page("bread \u202e1-klim", "refund 12.80 \u202e0 CNY", "done \u2067ok\u2069")
    assert DIRECTION_CONTROLS.findall(page) == []
    assert "bread [U+202E]1-klim" in page
    assert "refund 12.80 [U+202E]0 CNY" in page
    assert "done [U+2067]ok[U+2069]" in page


@settings(max_examples=25, deadline=None)
@given(WRITTEN, WRITTEN, WRITTEN)
def test_no_direction_control_reaches_the_page(subject: str, answer: str, resolution: str) -> None:
    assert DIRECTION_CONTROLS.findall(_page(subject, answer, resolution)) == []
