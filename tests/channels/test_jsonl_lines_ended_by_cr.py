"""A JSON-lines file whose lines end with a CR alone (a classic Mac export, or one line so
ended among LF ones) reads two records as one line, a CR being JSON whitespace: its dead
letter said only "more follows its value", which a retry meets again, forever. It now says
that its records are ended by a CR alone and how to end them with LF, and the rest of the
file is still read."""

from __future__ import annotations

from pathlib import Path

from complaintkit.channels import Rejected
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.model.complaint import Complaint


def _line(key: str) -> bytes:
    return (
        b'{"channel": "app", "external_id": "' + key.encode() + b'", '
        b'"received_at": "2026-11-23T09:00:00+08:00", "customer": {"id": "c1"}, "text": "t"}'
    )


def test_records_ended_by_a_cr_alone_are_told_so(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        _line("a") + b"\n" + _line("b") + b"\r" + _line("c") + b"\n" + _line("d") + b"\n"
    )
    items = list(JsonLinesChannel().read(str(path)))
    assert [i.external_id for i in items if isinstance(i, Complaint)] == ["a", "d"]
    (refused,) = [i for i in items if isinstance(i, Rejected)]
    assert refused.source == "in.jsonl:2"
    assert "CR alone" in refused.reason
    assert "tr '\\r' '\\n'" in refused.reason


def test_a_line_with_a_cr_inside_its_value_is_not_told_so(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(_line("a")[:-1] + b',\r"x": }\n' + _line("b") + b"\n")
    items = list(JsonLinesChannel().read(str(path)))
    (refused,) = [i for i in items if isinstance(i, Rejected)]
    assert "CR alone" not in refused.reason


def test_a_file_of_cr_ended_records_is_no_half_line_held(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(_line("a") + b"\r" + _line("b") + b"\r")
    channel = JsonLinesChannel()
    (refused,) = channel.read(str(path))
    assert isinstance(refused, Rejected)
    assert "CR alone" in refused.reason
    assert channel.held == []
