"""A row with fewer fields than the header, a column the mapping needs among those it
lacks, says so: the column is not blank in the row, the row was cut (a line break in a
field no quote holds, a tool that wrote part of it)."""

from __future__ import annotations

from pathlib import Path

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text"}


def test_a_row_short_of_a_needed_column_names_its_fields(tmp_path: Path) -> None:
    source = tmp_path / "short.csv"
    source.write_bytes(b"id,at,text\n1,2026-11-02\n2,2026-11-02,,\n3,2026-11-02,ok\n")
    short, blank, taken = list(CsvChannel(COLUMNS).read(str(source)))
    assert isinstance(short, Rejected)
    assert short.source == "short.csv:2"
    assert "the row has 2 fields; the header has 3 (id, at, text)" in short.reason
    assert "'text'" in short.reason
    assert isinstance(blank, Rejected)
    assert "'text' is blank" in blank.reason
    assert isinstance(taken, Complaint)
