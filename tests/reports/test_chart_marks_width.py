"""A chart label written with combining marks is measured by the letters it draws.

The width estimate counted every code point, so an accent, a Hebrew vowel point or a Thai
tone mark, which a font draws over or under its letter in no room of its own, took the room
of a letter: a pointed Hebrew product name or a Vietnamese one typed decomposed (as macOS
keeps file names) was cut in the legend though it fits, and a name whose first letter
carries many marks was drawn as a lone "…".
"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.reports.svg import Series, bar_chart, text_width, wrap

#: Hebrew with its vowel points, Thai with its vowels and tone marks above and below, and
#: Vietnamese decomposed: each fits in a legend entry's 140 pixels by its letters.
POINTED = (
    "שָׁלוֹם עֲלֵיכֶם חֲבֵרִים",
    "นมสดพาสเจอร์ไรส์",
    unicodedata.normalize("NFD", "Nguyễn Thị Hường"),
)
MARKS = st.characters(categories=["Mn", "Me"])


def _without_marks(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Me"))


def test_a_mark_takes_no_room_of_its_own() -> None:
    assert text_width("\u0301") == 0
    assert text_width("e\u0301") == text_width("e")


def test_a_pointed_name_that_fits_is_drawn_whole() -> None:
    for name in POINTED:
        assert text_width(_without_marks(name)) <= 140
        assert wrap(name, 140, lines=1) == [name]


def test_a_letter_under_many_marks_is_not_drawn_as_an_ellipsis_alone() -> None:
    name = "Z" + "\u0301\u0316\u0317" * 20 + "algo"
    chart = bar_chart("t", [name], [Series(name, [3])], "x", "y")
    assert ">…<" not in chart
    assert wrap(name, 140, lines=1)[0].endswith("algo")


@given(st.text(st.characters(categories=["L", "N", "Zs"]), max_size=30), st.lists(MARKS))
def test_marks_add_no_width(text: str, marks: list[str]) -> None:
    assert text_width("a" + "".join(marks) + text) == text_width("a" + text)
