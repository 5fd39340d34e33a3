"""A JSON-lines or CSV file still being written while intake reads it: its last line, not
yet ended, is never cut in two, and is left for the next run while the file grows. A file
that does not change whose last line has no line end is still read whole."""

from __future__ import annotations

import json
from pathlib import Path

from complaintkit.channels.base import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.model.complaint import Complaint


def line(external_id: str) -> bytes:
    complaint = {"channel": "f", "external_id": external_id, "customer": {"id": "c"}}
    complaint["received_at"] = "2026-11-02T09:00:00+08:00"
    return json.dumps({**complaint, "text": "冰箱坏了,客服不回电话"}, ensure_ascii=False).encode()


def ids(items: list[Complaint | Rejected]) -> list[str]:
    return [i.external_id if isinstance(i, Complaint) else f"rejected {i.source}" for i in items]


def append(path: Path, data: bytes) -> None:
    with path.open("ab") as handle:
        handle.write(data)


def test_a_static_last_line_without_its_line_end_is_read(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(line("A") + b"\n" + line("B"))
    assert ids(list(JsonLinesChannel().read(str(path)))) == ["A", "B"]


def test_a_last_line_the_writer_ends_after_it_was_read_is_not_cut_in_two(
    tmp_path: Path,
) -> None:
    """Read to its end, the last line is all there is: what the writer adds to it after
    that is for the next run, which reads the whole line. The half line read, which does
    not parse, is held for that run, no dead letter."""
    path = tmp_path / "in.jsonl"
    whole = line("B")
    path.write_bytes(line("A") + b"\n" + whole[:30])
    channel = JsonLinesChannel()
    assert ids(list(channel.read(str(path)))) == ["A"]
    assert len(channel.held) == 1
    append(path, whole[30:] + b"\n")
    assert ids(list(JsonLinesChannel().read(str(path)))) == ["A", "B"]


def test_a_line_the_file_grows_in_while_read_is_left_for_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    second, third = line("B"), line("C")
    path.write_bytes(line("A") + b"\n" + second[:30])
    reading = JsonLinesChannel().read(str(path))
    first = next(reading)
    append(path, second[30:] + b"\n" + third[:30])  # the writer goes on while it is read
    assert ids([first, *reading]) == ["A", "B"]
    append(path, third[30:])
    assert ids(list(JsonLinesChannel().read(str(path)))) == ["A", "B", "C"]


def test_a_csv_row_the_file_grows_in_is_left_for_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes("ID,Customer,At,Text\nA,c,2026-11-02,冰箱坏了\nB,c,2026-11-02,洗衣".encode())
    reading = CsvChannel(
        {"external_id": "ID", "customer.id": "Customer", "text": "Text", "received_at": "At"},
        timezone="Asia/Shanghai",
    ).read(str(path))
    first = next(reading)
    append(path, "机漏水\nC,c,2026-11-02,空".encode())
    assert ids([first, *reading]) == ["A", "B"]
