"""A CSV field longer than the longest the reader takes (131,072 characters) was refused in
the csv module's words, naming neither the column nor what to do; the row is now refused in
our own, naming the column and the limit, and the rows after it are read."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "narrative", "subject": "topic"}
HEADER = b"id,date,narrative,topic\n"
LONG = csv.field_size_limit() + 10


def _read(tmp_path: Path, body: bytes) -> list[Complaint | Rejected]:
    path = tmp_path / "rows.csv"
    path.write_bytes(body)
    return list(CsvChannel(COLUMNS).read(str(path)))


@pytest.mark.parametrize(
    "row",
    [
        b"2,2026-11-23,%s,late\n" % (b"x" * LONG),
        b'2,2026-11-23,"%s",late\n' % (b"x" * LONG),
        b'2,2026-11-23,"a ""quoted"" %s",late\n' % (b"x" * LONG),
    ],
    ids=["plain", "quoted", "with quotes"],
)
def test_a_field_too_long_names_its_column_and_the_limit(tmp_path: Path, row: bytes) -> None:
    items = _read(tmp_path, HEADER + b"1,2026-11-23,ok,a\n" + row + b"3,2026-11-23,after,b\n")
    assert [i.external_id for i in items if isinstance(i, Complaint)] == ["1", "3"]
    (letter,) = [i for i in items if isinstance(i, Rejected)]
    assert letter.source == "rows.csv:3"
    assert letter.raw == HEADER + row
    assert "'narrative'" in letter.reason
    assert f"{csv.field_size_limit():,}" in letter.reason


def test_a_too_long_field_past_the_header_is_named_by_its_number(tmp_path: Path) -> None:
    row = b"2,2026-11-23,ok,late,%s\n" % (b"y" * LONG)
    items = _read(tmp_path, HEADER + row + b"3,2026-11-23,after,b\n")
    letter = items[0]
    assert isinstance(letter, Rejected)
    assert "field 5" in letter.reason
    assert f"{csv.field_size_limit():,}" in letter.reason
    assert isinstance(items[1], Complaint)


cells = st.text(alphabet='ab",; \u00e9', max_size=6)


@settings(max_examples=40, deadline=None)
@given(st.lists(cells, min_size=4, max_size=4), st.integers(0, 3), cells)
def test_the_column_named_is_the_long_one_however_the_row_is_quoted(
    row: list[str], long: int, tail: str
) -> None:
    row[long] = "x" * LONG + tail
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["id", "date", "narrative", "topic"], row])
    with tempfile.TemporaryDirectory() as folder:
        items = _read(Path(folder), buffer.getvalue().encode() + b"3,2026-11-23,after,b\n")
    letter, after = items
    assert isinstance(letter, Rejected)
    assert f"(field {long + 1})" in letter.reason
    assert isinstance(after, Complaint)
