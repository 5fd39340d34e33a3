"""Exports joined with `cat` hold their header again mid-file: that row is the header of the
rows after it, not a complaint refused for a date that reads `Date received`."""

from __future__ import annotations

from pathlib import Path

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text", "subject": "subject"}


def _read(tmp_path: Path, data: bytes) -> list[Complaint | Rejected]:
    source = tmp_path / "joined.csv"
    source.write_bytes(data)
    return list(CsvChannel(COLUMNS).read(str(source)))


def test_the_same_header_again_is_no_record(tmp_path: Path) -> None:
    items = _read(
        tmp_path,
        b"id,at,text,subject\n1,2026-11-02,a,s\nid,at,text,subject\n2,2026-11-03,b,t\n",
    )
    assert [(i.external_id, i.text) for i in items if isinstance(i, Complaint)] == [
        ("1", "a"),
        ("2", "b"),
    ]
    assert not [i for i in items if isinstance(i, Rejected)]


def test_a_header_in_another_order_maps_the_rows_after_it(tmp_path: Path) -> None:
    items = _read(
        tmp_path,
        b"id,at,text,subject\n1,2026-11-02,a,s\n subject , text,at,id\nt,b,2026-11-03,2\n",
    )
    second = items[-1]
    assert isinstance(second, Complaint)
    assert (second.external_id, second.text, second.subject) == ("2", "b", "t")


def test_a_letter_after_the_second_header_keeps_that_header(tmp_path: Path) -> None:
    items = _read(
        tmp_path,
        b"id,at,text,subject\n1,2026-11-02,a,s\nsubject,text,at,id\nt,,2026-11-03,2\n",
    )
    (letter,) = [i for i in items if isinstance(i, Rejected)]
    assert letter.source == "joined.csv:4"
    assert letter.raw == b"subject,text,at,id\nt,,2026-11-03,2\n"
