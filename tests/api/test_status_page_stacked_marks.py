"""The status page draws at most ``MOST_MARKS`` combining marks on a letter, whoever wrote
the text. The heading cut from the customer's own words kept a few marks on each letter
(``heading_of``), but the customer's subject, an agent's replies and the resolution were
drawn whole: a reply whose letters each carry dozens of marks ("zalgo" text, pasted from
a chat) piled hundreds of accents over the lines above and below, over the case number
and the deadlines. Length is not cut: a reply is the answer the customer came for, and is
bounded where it is written (``MAX_TEXT_CHARS``)."""

from __future__ import annotations

import html
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.api.customer_events import customer_events
from complaintkit.api.pages import status_page
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.graphemes import MOST_MARKS
from complaintkit.model.case import Case
from complaintkit.testing.storage_contract import T0

MARKS = st.sampled_from(["\u0301", "\u0316", "\u0317", "\u0489", "\u0300", "\u0323"])
REAL = ("Nguyễn Thị Hường", "שָּׁלוֹם", "ผลิตภัณฑ์", "退款已经到账")


def _marks_on_a_letter(text: str) -> int:
    most = run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        most = max(most, run)
    return most


def _page(reply: str, resolution: str, subject: str) -> str:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    case = desk.intake(
        {
            "channel": "web",
            "external_id": "w-1",
            "customer": {"id": "c-1"},
            "received_at": T0.isoformat(),
            "subject": subject,
            "text": "the milk went off",
        }
    )
    desk.respond(case.id, reply, actor="li.na")
    resolved: Case = desk.resolve(case.id, resolution, actor="li.na")
    events = customer_events(desk.storage, case.id)
    body = status_page(desk, resolved, events, "en").body
    return html.unescape(re.sub(r"<[^>]+>", "\n", bytes(body).decode()))


@settings(max_examples=40)
@given(
    letters=st.text(alphabet="milkabc", min_size=1, max_size=6),
    marks=st.lists(MARKS, min_size=MOST_MARKS + 1, max_size=60),
    where=st.sampled_from(["reply", "resolution", "subject"]),
)
def test_no_text_on_the_page_stacks_more_marks(letters: str, marks: list[str], where: str) -> None:
    zalgo = "".join(ch + "".join(marks) for ch in letters)
    texts = {"reply": "ok", "resolution": "refunded", "subject": "milk"} | {where: zalgo}
    page = _page(texts["reply"], texts["resolution"], texts["subject"])
    assert _marks_on_a_letter(page) == MOST_MARKS
    assert letters in "".join(ch for ch in page if ch in "milkabc")


def test_real_text_is_shown_as_written() -> None:
    for text in REAL:
        written = unicodedata.normalize("NFD", text)
        page = _page(written, written, written)
        assert page.count(written) == 3
