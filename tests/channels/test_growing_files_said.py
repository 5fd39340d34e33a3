"""A file still written while intake reads it: its last line, not yet ended when the file
grew, is left for the next run (test_growing_files) — and was left without a word, so a
run that took in 9,999 of 10,000 rows seemed to have read them all. The channel says it held
the line, as it says so of a JSON line that does not parse, and the command writes it on
stderr."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.cli import build_cli
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager

COLUMNS = {"external_id": "id", "received_at": "date", "text": "text"}


def line(external_id: str) -> bytes:
    complaint = {"channel": "f", "external_id": external_id, "customer": {"id": "c"}}
    complaint["received_at"] = "2026-11-02T09:00:00+08:00"
    return json.dumps({**complaint, "text": "冰箱坏了"}, ensure_ascii=False).encode()


def append(path: Path, data: bytes) -> None:
    with path.open("ab") as handle:
        handle.write(data)


def test_a_json_line_the_file_grows_in_is_said_to_be_held(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(line("A") + b"\n" + line("B")[:30])
    channel = JsonLinesChannel()
    reading = channel.read(str(path))
    first = next(reading)
    append(path, line("B")[30:] + b"\n" + line("C")[:30])
    assert [c.external_id for c in [first, *reading] if isinstance(c, Complaint)] == ["A", "B"]
    (held,) = channel.held
    assert held.startswith(f"{path}:3: ")
    assert "held for the next run" in held


def test_a_csv_row_the_file_grows_in_is_said_to_be_held(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes("id,date,text\nA,2026-11-02,冰箱坏了\nB,2026-11-02,洗衣".encode())
    channel = CsvChannel(COLUMNS)
    reading = channel.read(str(path))
    first = next(reading)
    append(path, "机漏水\nC,2026-11-02,空".encode())
    assert [c.external_id for c in [first, *reading] if isinstance(c, Complaint)] == ["A", "B"]
    (held,) = channel.held
    assert held.startswith(f"{path}:4: ")
    assert "held for the next run" in held


def test_a_csv_file_read_whole_holds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"id,date,text\nA,2026-11-02,x")
    channel = CsvChannel(COLUMNS)
    assert len(list(channel.read(str(path)))) == 1
    assert channel.held == []


def test_the_command_says_what_it_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the command: the writer adds to the last line as the channel reads it."""
    path = tmp_path / "in.jsonl"
    path.write_bytes(line("A") + b"\n" + line("B")[:30])
    read = JsonLinesChannel.read

    def writer_at_work(self: JsonLinesChannel, source: str) -> Iterator[Complaint | Rejected]:
        reading = read(self, source)
        yield next(reading)
        append(path, line("B")[30:])
        yield from reading

    monkeypatch.setattr(JsonLinesChannel, "read", writer_at_work)
    cli = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    result = CliRunner().invoke(cli, ["--db", db, "intake", str(path)])
    assert result.exit_code == 0, result.output
    assert "held for the next run" in result.stderr
