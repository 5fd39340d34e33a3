"""A byte order mark (U+FEFF) inside a CSV cell is no text of the customer's.

One starting a row of a GB18030 export joined onto another with ``cat`` (GB18030's mark is
84 31 95 33) was read as the row's first character, as UTF-8's once was: its key held U+FEFF
and the row was a dead letter. One inside a narrative (pasted with text copied from a
file, or left by a join inside a quoted field) was kept in the complaint's text, so a search
for the word it splits found nothing, and one before a date made it no date. The mark is
dropped from every cell but the keys, which refuse it: a key with it would look like another
key and open a second case for the same complaint.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {
    "external_id": "id",
    "received_at": "date",
    "text": "narrative",
    "product": "product",
}
HEAD = "id,date,narrative,product\r\n"
MARK = "\ufeff"


def _read(folder: Path, text: str, encoding: str) -> list[Complaint | Rejected]:
    path = folder / "rows.csv"
    path.write_bytes(text.encode("utf-16-le" if encoding == "utf-16" else encoding))
    return list(CsvChannel(COLUMNS, encoding=encoding).read(str(path)))


@pytest.mark.parametrize(
    "row",
    [
        "2,2026-11-23,late,iron\r\n",
        '"2",2026-11-23,"late, and cold",iron\r\n',
        "2,2026-11-23,迟到了，饭菜都凉了,iron\r\n",  # noqa: RUF001 -- a Chinese comma
    ],
)
def test_a_row_behind_gb18030s_mark_is_read_whole(tmp_path: Path, row: str) -> None:
    joined = MARK + HEAD + "1,2026-11-23,first,iron\r\n" + MARK + row
    items = _read(tmp_path, joined, "gb18030")
    assert [type(item) for item in items] == [Complaint, Complaint], items
    assert [item.external_id for item in items] == ["1", "2"]  # type: ignore[union-attr]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gb18030"])
@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (f"{MARK}late", "late"),
        (f"la{MARK}te", "late"),
        (f"late{MARK}", "late"),
        (f'"first line\r\n{MARK}second line"', "first line\r\nsecond line"),
        (f"{MARK} late", "late"),
    ],
)
def test_a_mark_in_a_narrative_is_dropped(
    tmp_path: Path, encoding: str, cell: str, text: str
) -> None:
    (item,) = _read(tmp_path, MARK + HEAD + f"1,2026-11-23,{cell},iron\r\n", encoding)
    assert isinstance(item, Complaint), item
    assert item.text == text


def test_a_mark_in_another_cell_but_a_key_is_dropped(tmp_path: Path) -> None:
    (item,) = _read(tmp_path, HEAD + f"1,{MARK}2026-11-23,late,{MARK}iron\r\n", "utf-8")
    assert isinstance(item, Complaint), item
    assert (item.received_at.date().isoformat(), item.product) == ("2026-11-23", "iron")


def test_a_mark_inside_a_key_is_a_letter_naming_it(tmp_path: Path) -> None:
    rows = HEAD + f"b{MARK}1,2026-11-23,late,iron\r\n2,2026-11-23,cold,iron\r\n"
    refused, taken = _read(tmp_path, rows, "utf-8")
    assert isinstance(refused, Rejected)
    assert refused.source == "rows.csv:2"
    assert "U+FEFF" in refused.reason
    assert isinstance(taken, Complaint)


@settings(max_examples=40, deadline=None)
@given(
    words=st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Cf")),
        min_size=1,
        max_size=30,
    ).filter(lambda t: t.strip() == t and t.strip()),
    at=st.lists(st.integers(0, 30), max_size=3),
)
def test_marks_anywhere_in_a_narrative_leave_its_words(
    tmp_path_factory: pytest.TempPathFactory, words: str, at: list[int]
) -> None:
    marked = words
    for position in sorted(at, reverse=True):
        marked = marked[:position] + MARK + marked[position:]
    quoted = '"' + marked.replace('"', '""') + '"'
    folder = tmp_path_factory.mktemp("marks")
    (item,) = _read(folder, HEAD + f"1,2026-11-23,{quoted},iron\r\n", "utf-8")
    assert isinstance(item, Complaint), item
    assert item.text == words
