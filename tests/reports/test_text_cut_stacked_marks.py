"""A cut bounds how tall a name is drawn as well as how wide.

Combining marks take no width, so a name whose letters each carry dozens of them ("zalgo"
text, pasted into a product field) passed the text table's 40-column cut, the charts'
wrap and the status page's heading whole: hundreds of marks stacked over each letter,
drawn over the rows and labels above and below. Each cut now keeps at most
``MOST_MARKS`` marks on a letter, more than any writing system stacks, so real text (a
Vietnamese vowel's two, a pointed Hebrew letter's) is kept as typed.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.api.heading import heading_of
from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.graphemes import MOST_MARKS
from complaintkit.reports import build_report, open_source
from complaintkit.reports.svg import wrap
from complaintkit.reports.table import fitted, render_text
from complaintkit.testing.storage_contract import T0, make_complaint

ZALGO = "".join(ch + "\u0301\u0316\u0317\u0489" * 15 for ch in "milk")
REAL = (
    unicodedata.normalize("NFD", "Nguyễn Thị Hường"),
    "שָּׁלוֹם",
    "ผลิตภัณฑ์",
)


def _most_marks_on_a_letter(text: str) -> int:
    most = run = 0
    for ch in text:
        run = run + 1 if unicodedata.category(ch) in ("Mn", "Me") else 0
        most = max(most, run)
    return most


def test_every_cut_keeps_a_few_marks_on_a_letter() -> None:
    for cut in (fitted(ZALGO), wrap(ZALGO, 140, lines=1)[0], heading_of(ZALGO)):
        assert _most_marks_on_a_letter(cut) == MOST_MARKS
        assert "".join(ch for ch in cut if ch.isascii()) == "milk"


def test_the_text_table_draws_a_few_marks_on_a_product() -> None:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    desk.intake(make_complaint("Z0", product=ZALGO))
    table = render_text(build_report(open_source(desk.storage), now=T0))
    assert _most_marks_on_a_letter(table) == MOST_MARKS


def test_real_text_is_kept_as_typed() -> None:
    for text in REAL:
        assert fitted(text) == text
        assert wrap(text, 200, lines=1) == [text]
        assert heading_of(text) == text


#: a letter or a space, and the marks typed after it
LETTERS = st.tuples(
    st.characters(categories=["L", "Zs"]), st.text(st.characters(categories=["Mn", "Me"]))
)


@given(st.lists(LETTERS, max_size=30).map(lambda typed: "".join(a + b for a, b in typed)))
def test_no_cut_keeps_more_than_the_most_marks(text: str) -> None:
    for cut in (fitted(text), *wrap(text, 140), heading_of(text)):
        assert _most_marks_on_a_letter(cut) <= MOST_MARKS
