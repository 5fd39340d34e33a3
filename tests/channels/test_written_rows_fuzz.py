"""Files as programs write them, with any text in them: rows written by a CSV writer
(Chinese, quotes, line breaks and delimiters inside cells, NULs, very long cells), with or
without Excel's byte order mark, and JSON lines in UTF-8 between lines in other encodings.
Each record is a case holding exactly what was written, or a dead letter keeping its
bytes, which read again alone is refused for the same reason."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected, take_in
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.desk import Desk
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "text", "customer.name": "name"}
texts = st.text(
    st.characters(codec="utf-8") | st.sampled_from('漏水退款客服\x00\ufeff\u2028\r\n",;'),
    max_size=40,
) | st.sampled_from(["冰" * 100_001, "\x00", " ", "\ufeff投诉"])


def read(channel: CsvChannel | JsonLinesChannel, path: Path) -> list[Complaint | Rejected]:
    return list(channel.read(str(path)))


def reread_alone(
    channel: CsvChannel | JsonLinesChannel, path: Path, letter: Rejected
) -> Rejected | Complaint:
    path.write_bytes(letter.raw)
    (alone,) = read(channel, path)
    return alone


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(st.tuples(texts, texts), min_size=1, max_size=5),
    bom=st.booleans(),
    crlf=st.booleans(),
)
def test_rows_a_csv_writer_wrote_are_read_as_written(
    rows: list[tuple[str, str]], bom: bool, crlf: bool
) -> None:
    out = io.StringIO(newline="")
    # Python's writer quotes a cell for the characters of its line end only: with "\n" a
    # cell's "\r" goes unquoted, and every reader (Python's too) ends the row there
    if crlf:
        writer = csv.writer(out, lineterminator="\r\n")
    else:
        writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["id", "date", "text", "name"])
    for number, (text, name) in enumerate(rows):
        writer.writerow([f"R{number}", "2026-11-23", text, name])
    channel = CsvChannel(COLUMNS)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
        items = read(channel, path)
        assert len(items) == len(rows), items
        for number, item in enumerate(items):
            if isinstance(item, Complaint):
                assert item.external_id == f"R{number}"
                # a byte order mark in a cell is no text (test_csv_marks_inside_cells.py)
                assert item.text == rows[number][0].replace("\ufeff", "").strip()
            else:
                again = reread_alone(channel, path, item)
                assert isinstance(again, Rejected)
                assert again.reason == item.reason


#: Encodings in which no character but a line break holds the byte of one (not UTF-16).
lines_in = st.sampled_from(["utf-8", "gbk", "gb18030", "big5", "latin-1"])


@settings(max_examples=40, deadline=None)
@given(records=st.lists(st.tuples(texts, lines_in), min_size=1, max_size=5))
def test_json_lines_in_mixed_encodings_are_cases_or_their_own_dead_letters(
    records: list[tuple[str, str]],
) -> None:
    lines = []
    for number, (text, encoding) in enumerate(records):
        record = {
            "channel": "f",
            "external_id": f"J{number}",
            "received_at": "2026-11-23T09:00:00+08:00",
            "customer": {"id": "c"},
            "text": text,
        }
        data = json.dumps(record, ensure_ascii=False)
        lines.append(data.encode(encoding, errors="replace"))  # ? for what it cannot write
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.jsonl"
        path.write_bytes(b"\n".join(lines))
        items = read(JsonLinesChannel(complete=True), path)  # its last line unended
        desk = Desk(storage="memory:")
        summary = take_in(desk, "f", items)
        assert summary.opened + len(summary.rejected) == len(items)
        for number, item in enumerate(items):
            text, encoding = records[number]
            if isinstance(item, Complaint):  # GBK bytes may be valid UTF-8 too: 漏水 is ©ˮ
                assert item.text == text or encoding != "utf-8"
            else:
                assert item.raw == lines[number]
                again = reread_alone(JsonLinesChannel(complete=True), path, item)
                assert isinstance(again, Rejected)
                assert again.reason == item.reason
