"""A quote opened in a row and closed lines later by another row's quote, with text after
it (``6,…,"unterminated`` … ``8,…,"x"y``): the reader refused the whole stretch as one
record, so the rows between — whole rows of their own — were kept inside one dead letter
and none became a case. As with a quote never closed, the line the quote opens on is the
dead letter and the lines after it are read as rows of their own."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.csvrows import UNCLOSED_QUOTE
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "narrative"}


def _read(rows: list[str]) -> list[Complaint | Rejected]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        path.write_text("id,date,narrative\n" + "".join(f"{r}\n" for r in rows), "utf-8")
        return list(CsvChannel(COLUMNS, channel="shop").read(str(path)))


def test_rows_between_a_quote_and_its_late_close_are_read() -> None:
    items = _read(['6,2026-11-23,"unterminated', "7,2026-11-23,after", '8,2026-11-23,"x"y'])
    assert [i.external_id for i in items if isinstance(i, Complaint)] == ["7"]
    letters = [i for i in items if isinstance(i, Rejected)]
    assert [letter.source for letter in letters] == ["rows.csv:2", "rows.csv:4"]
    assert letters[0].raw == b'id,date,narrative\n6,2026-11-23,"unterminated\n'
    assert letters[0].reason == UNCLOSED_QUOTE  # as when its letter is read again alone


def test_a_quoted_field_over_lines_is_still_one_row() -> None:
    items = _read(['4,2026-11-23,"two', 'lines"', "5,2026-11-23,next"])
    assert [(i.external_id, i.text) for i in items if isinstance(i, Complaint)] == [
        ("4", "two\nlines"),
        ("5", "next"),
    ]


TEXTS = st.sampled_from(["ok", '"open', 'x"y', '"x"y', '"a""b"', '"a"b"c', "a,b"])


@given(st.lists(TEXTS, min_size=1, max_size=8))
def test_each_line_is_one_case_or_one_dead_letter(texts: list[str]) -> None:
    """Rows written one per line: each is a case or a dead letter of its own, whatever
    quotes the others hold, and each row whose text is plain is a case."""
    items = _read([f"{n},2026-11-23,{text}" for n, text in enumerate(texts)])
    assert len(items) == len(texts)
    taken = {i.external_id for i in items if isinstance(i, Complaint)}
    assert {str(n) for n, text in enumerate(texts) if text == "ok"} <= taken
