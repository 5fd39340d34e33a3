"""Exports joined with ``cat`` where the second was written with a byte order mark and no
header (a tool appending a day's rows) put UTF-8's mark at the start of a row in the middle
of the file. The mark was read as the row's first character: its id held U+FEFF and the row
was dead-lettered, and a quoted first field behind the mark was not read as quoted, so a
comma inside it split the row. The mark is the export's, not the row's: the row is read
without it, whole."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "narrative"}
HEAD = "id,date,narrative\r\n1,2026-11-23,first\r\n"
TAIL = "3,2026-11-23,third\r\n"


def _read(tmp_path: Path, data: bytes, encoding: str) -> list[Complaint | Rejected]:
    path = tmp_path / "joined.csv"
    path.write_bytes(data)
    return list(CsvChannel(COLUMNS, encoding=encoding).read(str(path)))


@pytest.mark.parametrize(
    ("row", "text"),
    [
        ("2,2026-11-23,late\r\n", "late"),
        ('2,2026-11-23,"late, and cold"\r\n', "late, and cold"),
        ('"2",2026-11-23,"late, and cold"\r\n', "late, and cold"),
        ('"2","2026-11-23","two\r\nlines, one row"\r\n', "two\r\nlines, one row"),
        ("2,2026-11-23,迟到了，饭菜都凉了\r\n", "迟到了，饭菜都凉了"),  # noqa: RUF001 -- Chinese comma
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_a_row_behind_a_mark_is_read_whole(
    tmp_path: Path, row: str, text: str, encoding: str
) -> None:
    codec = "utf-16-le" if encoding == "utf-16" else "utf-8"
    mark = codecs.BOM_UTF16_LE if encoding == "utf-16" else codecs.BOM_UTF8
    data = mark + HEAD.encode(codec) + mark + (row + TAIL).encode(codec)
    items = _read(tmp_path, data, encoding)
    assert all(isinstance(item, Complaint) for item in items), items
    assert [item.external_id for item in items] == ["1", "2", "3"]  # type: ignore[union-attr]
    assert items[1].text == text  # type: ignore[union-attr]
    unjoined = _read(tmp_path, mark + (HEAD + row + TAIL).encode(codec), encoding)
    assert [item.text for item in items] == [item.text for item in unjoined]  # type: ignore[union-attr]


def test_a_bad_row_behind_a_mark_is_a_letter_keeping_the_rows_after(tmp_path: Path) -> None:
    data = (
        codecs.BOM_UTF8
        + HEAD.encode()
        + codecs.BOM_UTF8
        + ("2,not a date,late\r\n" + TAIL).encode()
    )
    first, refused, third = _read(tmp_path, data, "utf-8")
    assert isinstance(first, Complaint)
    assert isinstance(third, Complaint)
    assert isinstance(refused, Rejected)
    assert refused.source == "joined.csv:3"
    assert "date" in refused.reason
    assert b"2,not a date,late" in refused.raw
