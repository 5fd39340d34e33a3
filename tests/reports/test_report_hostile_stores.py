"""Reports of stores full of hostile names, in every format: nothing a sender typed acts on
a terminal, a spreadsheet or a browser, and every CSV cell reads back as one stored text.

Products mix Chinese, right-to-left letters, zero-width and control characters, formula
signs and markup; some complaints name none, and with no policy no case is classified.
"""

from __future__ import annotations

import csv
import io
import re
from html import unescape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaintkit.clock import ManualClock
from complaintkit.desk import Desk
from complaintkit.reports import build_report, open_source
from complaintkit.reports.html import render_html
from complaintkit.reports.metrics import Report
from complaintkit.reports.table import render_csv, render_text
from complaintkit.testing.storage_contract import T0, make_complaint

_PIECES = st.sampled_from(
    [
        "milk",
        "奶粉",
        "מוצר",
        "حليب",
        "\u200b",
        "\u2060",
        "\ufeff",
        "\x1b[2J",
        "\x1b",
        "\x07",
        "\x9b",
        "\u202e",
        "\u2066",
        "\t",
        "\n",
        "\r",
        "=",
        "+",
        "-",
        "@",
        "\uff1d",
        "'",
        '"',
        "\\",
        "\\x1b",
        "<script>",
        "&amp;",
        "</td>",
        "(none)",
        " ",
        "1",
    ]
)
_NAMES = (
    st.lists(_PIECES, min_size=1, max_size=4)
    .map("".join)
    .filter(lambda s: re.search(r"\w|[=+@<&'\"\\-]", s) is not None)  # a name, not a blank
)
_PRODUCTS = st.lists(st.one_of(st.none(), _NAMES), max_size=6)
#: What acts on a terminal or reorders text: never raw in the text table.
_ACTING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4})")


def _report(products: list[str | None]) -> Report:
    desk = Desk(storage="memory:", clock=ManualClock(T0))
    for n, product in enumerate(products):
        extra = {} if product is None else {"product": product}
        desk.intake(make_complaint(f"P{n}", **extra))
    return build_report(open_source(desk.storage), now=T0)


def _read_back(cell: str) -> str:
    """A CSV text cell as docs/reports.md tells a reader to read it."""
    return _ESCAPE.sub(
        lambda m: "\\" if m[1] == "\\" else chr(int(m[1][1:], 16)), cell.removeprefix("'")
    )


def _unquoted(name: str) -> str:
    return name[1:-1].replace('""', '"') if name.startswith('"') else name


_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_PRODUCTS)
def test_the_text_table_acts_on_no_terminal(products: list[str | None]) -> None:
    text = render_text(_report(products))
    assert not _ACTING.search(text.replace("\n", ""))


@_SETTINGS
@given(_PRODUCTS)
def test_every_csv_cell_is_inert_and_reads_back(products: list[str | None]) -> None:
    rows = list(csv.reader(io.StringIO(render_csv(_report(products)))))
    for row in rows:
        for cell in row:
            assert not re.match(r"[ \u00a0\u3000]*[=+@\t\r\uff1d]", cell), cell
            assert not re.search("[\x1b\x07\x9b\u202e\u2066]", cell)
    named = [r[1] for r in rows if r[0] == "Product"][1:]
    stored = {p for p in products if p is not None}
    assert {_unquoted(_read_back(cell)) for cell in named if cell != "(none)"} <= stored
    assert ("(none)" in named) == (None in products)
    assert len(set(named)) == len(named)  # two rows never read as one name


@_SETTINGS
@given(_PRODUCTS)
def test_the_html_runs_no_markup_a_sender_typed(products: list[str | None]) -> None:
    page = render_html(_report(products))
    assert "<script>" not in page
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)
    assert all("<" not in cell for cell in cells)
    drawn = [*cells, *re.findall(r"<text[^>]*>(.*?)</text>", page, re.S)]
    assert not _ACTING.search(unescape("".join(drawn)).replace("\n", "").replace("\t", ""))


@_SETTINGS
@given(_PRODUCTS)
def test_the_text_table_names_each_row_once(products: list[str | None]) -> None:
    lines = render_text(_report(products)).split("\n")
    start = lines.index("== Product")
    rows = lines[start + 2 : lines.index("", start)]
    names = [re.split(r"\s{2,}", row.strip())[0] for row in rows]
    assert len(set(names)) == len(names)
