"""Exports joined with `cat` whose later header spells a column in another case (``ID`` for
``id``) or lacks one were read as rows: the header refused as a complaint, and the rows after
it read by the first header's order, stored with their fields swapped without a word. A row
of column names (every cell one the mapping or the header names, in any case) is a header
again: the rows after it are read by it when it names every mapped column, in any case;
otherwise it and they are dead letters saying why, never read by another header."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text", "subject": "subject"}
FIRST = b"id,at,text,subject\n1,2026-11-02,a,s\n"


def _read(tmp_path: Path, data: bytes) -> list[Complaint | Rejected]:
    source = tmp_path / "joined.csv"
    source.write_bytes(data)
    return list(CsvChannel(COLUMNS).read(str(source)))


def _stored(items: list[Complaint | Rejected]) -> list[tuple[str, str, str]]:
    return [(i.external_id, i.text, i.subject) for i in items if isinstance(i, Complaint)]


def test_a_header_in_another_case_and_order_reads_the_rows_after_it(tmp_path: Path) -> None:
    items = _read(tmp_path, FIRST + b"ID,At,subject,TEXT\n2,2026-11-03,t,b\n")
    assert _stored(items) == [("1", "a", "s"), ("2", "b", "t")]
    assert not [i for i in items if isinstance(i, Rejected)]


def test_the_same_header_in_capitals_is_no_record(tmp_path: Path) -> None:
    items = _read(tmp_path, FIRST + b"ID,AT,TEXT,SUBJECT\n2,2026-11-03,b,t\n")
    assert _stored(items) == [("1", "a", "s"), ("2", "b", "t")]
    assert not [i for i in items if isinstance(i, Rejected)]


def test_a_header_lacking_a_mapped_column_costs_its_rows_not_read_by_another(
    tmp_path: Path,
) -> None:
    data = FIRST + b"subject,text,at\nt,b,2026-11-03\nid,at,text,subject\n4,2026-11-04,d,u\n"
    items = _read(tmp_path, data)
    assert _stored(items) == [("1", "a", "s"), ("4", "d", "u")]
    header, row = (i for i in items if isinstance(i, Rejected))
    assert header.source == "joined.csv:3"
    assert "'id'" in header.reason
    assert row.source == "joined.csv:4"
    assert "joined.csv:3" in row.reason
    assert row.raw == b"subject,text,at\nt,b,2026-11-03\n"


def test_a_header_naming_a_column_twice_costs_the_rows_after_it(tmp_path: Path) -> None:
    data = FIRST + b"id,at,text,subject,id\n2,2026-11-03,b,t,\n"
    items = _read(tmp_path, data)
    assert _stored(items) == [("1", "a", "s")]
    assert [i.source for i in items if isinstance(i, Rejected)] == [
        "joined.csv:3",
        "joined.csv:4",
    ]


def test_a_row_of_data_holding_a_column_name_is_still_data(tmp_path: Path) -> None:
    items = _read(tmp_path, FIRST + b"2,2026-11-03,text,subject\n")
    assert _stored(items) == [("1", "a", "s"), ("2", "text", "subject")]


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(4)), st.lists(st.booleans(), min_size=4, max_size=4))
def test_any_order_and_case_of_the_header_reads_its_rows(
    order: list[int], upper: list[bool]
) -> None:
    names = ["id", "at", "text", "subject"]
    cells = ["2", "2026-11-03", "b", "t"]
    header = ",".join(names[i].upper() if upper[i] else names[i] for i in order)
    row = ",".join(cells[i] for i in order)
    with tempfile.TemporaryDirectory() as folder:
        items = _read(Path(folder), FIRST + f"{header}\n{row}\n".encode())
    assert _stored(items) == [("1", "a", "s"), ("2", "b", "t")]
