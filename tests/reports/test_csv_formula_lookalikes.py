# ruff: noqa: RUF001, RUF002, RUF003 -- full-width and other forms of the formula signs are what it tests
"""``report --csv`` defuses a formula that starts with a full-width or small sign.

A product ``＝HYPERLINK("http://x.example","点击")`` (the full-width ``＝`` a Chinese or
Japanese input method types) went into the CSV bare. Excel in those locales reads a
full-width ``＝``, ``＋``, ``－`` or ``＠`` typed at the start of a cell as the ASCII sign
and runs the formula; whether a spreadsheet does the same on import varies by program and
locale, so the CSV takes the safe side: a cell whose first sign is any form of a trigger
(its compatibility form, NFKC: full-width, small, superscript; and the minus sign U+2212)
is prefixed with ``'`` as ``=`` is. Numbers written in ASCII stay numbers.
"""

from __future__ import annotations

import csv
import io
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.table import defused, render_csv
from complaintkit.testing.storage_contract import T0, make_complaint

LOOKALIKES = (
    "\uff1d",  # ＝ full-width equals
    "\uff0b",  # ＋
    "\uff0d",  # －
    "\uff20",  # ＠
    "\ufe66",  # ﹦ small equals
    "\ufe62",  # ﹢ small plus
    "\ufe63",  # ﹣ small hyphen-minus
    "\ufe6b",  # ﹫ small commercial at
    "\u207c",  # ⁼ superscript equals
    "\u2212",  # − minus sign
)


def test_a_full_width_formula_in_a_product_is_quoted() -> None:
    product = '\uff1dHYPERLINK("http://x.example","点击")'
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    desk.intake(make_complaint("a", product=product))
    cells = [
        c
        for row in csv.reader(io.StringIO(render_csv(build_report(open_source(desk.storage)))))
        for c in row
    ]
    assert "'" + product in cells
    assert product not in cells


@settings(max_examples=60, deadline=None)
@given(
    sign=st.sampled_from(LOOKALIKES),
    space=st.sampled_from(["", " ", "\u3000", "\u00a0"]),
    rest=st.text(max_size=10),
)
def test_every_lookalike_start_is_defused(sign: str, space: str, rest: str) -> None:
    cell = space + sign + rest
    assert defused(cell) == "'" + cell


def test_numbers_and_plain_text_stay_as_they_are() -> None:
    for cell in ("-", "-1.5", "+3", "12.5%", "牛奶", "Ｍilk", "—note", "–", "①"):
        assert defused(cell) == cell
    assert unicodedata.normalize("NFKC", "\uff1d") == "="
