"""A row with another number of fields than the header says where it is and what was
expected, in words that count right: 'row has 1 fields' named neither the row nor the
header's columns."""

from __future__ import annotations

from pathlib import Path

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}


def _reasons(tmp_path: Path, rows: bytes) -> list[str]:
    """Where and why each refused row is refused: 'rows.csv:3: …'."""
    source = tmp_path / "rows.csv"
    source.write_bytes(b"id,at,text,shop,note\n" + rows)
    read = CsvChannel(COLUMNS).read(str(source))
    return [f"{i.source}: {i.reason}" for i in read if isinstance(i, Rejected)]


def test_a_row_of_one_field_says_its_line_and_the_headers_count(tmp_path: Path) -> None:
    (reason,) = _reasons(tmp_path, b"1,2026-11-02,ok,a,b\n\xe6\xbc\x8f\n")
    assert reason.startswith("rows.csv:3: ")
    assert "the row has 1 field;" in reason
    assert "the header has 5 (id, at, text, shop, note)" in reason
    assert "1 fields" not in reason


def test_a_row_with_more_fields_says_its_line_and_the_headers_count(tmp_path: Path) -> None:
    (reason,) = _reasons(tmp_path, b"1,2026-11-02,ok,a,b,extra\n")
    assert reason.startswith("rows.csv:2: ")
    assert "the row has 6 fields;" in reason
    assert "the header has 5 (id, at, text, shop, note)" in reason
