"""The CSV channel on malformed files: every row is a complaint or a dead letter holding its
bytes, and a header the mapping cannot read unambiguously is a configuration error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.csvrows import UNCLOSED_QUOTE
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "id", "received_at": "date", "text": "narrative"}
HEADER = b"id,date,narrative\n"


def read(tmp_path: Path, body: bytes) -> list[Complaint | Rejected]:
    path = tmp_path / "rows.csv"
    path.write_bytes(body)
    return list(CsvChannel(COLUMNS).read(str(path)))


def outcome(items: list[Complaint | Rejected]) -> list[str]:
    return [i.external_id if isinstance(i, Complaint) else i.source for i in items]


def test_an_unclosed_quote_costs_its_row_and_the_rows_after_it_are_read(tmp_path: Path) -> None:
    body = HEADER + b'1,2026-11-23,ok\n3,2026-11-23,"unbalanced quote\n4,2026-11-23,after\n'
    items = read(tmp_path, body)
    assert outcome(items) == ["1", "rows.csv:3", "4"]
    rejected = items[1]
    assert isinstance(rejected, Rejected)
    assert rejected.raw == HEADER + b'3,2026-11-23,"unbalanced quote\n'
    assert "quote" in rejected.reason


def test_an_unclosed_quote_is_refused_for_the_same_reason_on_the_last_line(
    tmp_path: Path,
) -> None:
    """On the last line it was 'unexpected end of data': the letter's reason changed as
    soon as the file grew (a second letter for the row) or the letter was retried alone."""
    row = b'3,2026-11-23,"unbalanced quote\n'
    last = read(tmp_path, HEADER + row)[0]
    inside = read(tmp_path, HEADER + row + b"4,2026-11-23,after\n")[0]
    assert isinstance(last, Rejected)
    assert isinstance(inside, Rejected)
    assert (last.reason, last.raw) == (inside.reason, inside.raw) == (UNCLOSED_QUOTE, HEADER + row)


def test_an_unclosed_quote_before_a_long_file_costs_only_its_row(tmp_path: Path) -> None:
    """The reader gives up on a field at 128 KB, before the end of the file: every row in
    those 128 KB (2,425 here) went into the one dead letter of the row with the quote."""
    rows = b"".join(
        b"%d,2026-11-23,parcel %d is late and nobody answers\n" % (n, n) for n in range(3000)
    )
    items = read(tmp_path, HEADER + b'x,2026-11-23,"unbalanced quote\n' + rows)
    assert outcome(items) == ["rows.csv:2", *map(str, range(3000))]
    rejected = items[0]
    assert isinstance(rejected, Rejected)
    assert rejected.raw == HEADER + b'x,2026-11-23,"unbalanced quote\n'
    assert "quote" in rejected.reason


def test_a_quoted_field_spanning_lines_is_still_one_row(tmp_path: Path) -> None:
    items = read(tmp_path, HEADER + b'1,2026-11-23,"two\nlines"\n2,2026-11-23,after\n')
    assert outcome(items) == ["1", "2"]
    assert isinstance(items[0], Complaint)
    assert items[0].text == "two\nlines"


def test_blank_lines_are_skipped_not_dead_lettered(tmp_path: Path) -> None:
    items = read(tmp_path, HEADER + b"\n1,2026-11-23,ok\n\r\n  \n2,2026-11-23,ok\n\n")
    assert outcome(items) == ["1", "2"]


def test_a_row_with_more_fields_than_the_header_is_dead_lettered(tmp_path: Path) -> None:
    items = read(tmp_path, HEADER + b"1,2026-11-23,broken parcel,EXTRA,MORE\n2,2026-11-23,ok\n")
    assert outcome(items) == ["rows.csv:2", "2"]
    rejected = items[0]
    assert isinstance(rejected, Rejected)
    assert rejected.raw == HEADER + b"1,2026-11-23,broken parcel,EXTRA,MORE\n"
    assert "5 fields" in rejected.reason


def test_empty_trailing_fields_lose_nothing_and_are_read(tmp_path: Path) -> None:
    assert outcome(read(tmp_path, HEADER + b"1,2026-11-23,ok,,\n")) == ["1"]


def test_a_mapped_column_named_twice_in_the_header_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'narrative'"):
        read(tmp_path, b"id,date,narrative,narrative\n1,2026-11-23,a,b\n")


def test_an_unmapped_column_named_twice_is_harmless(tmp_path: Path) -> None:
    assert outcome(read(tmp_path, b"id,date,narrative,x,x\n1,2026-11-23,a,b,c\n")) == ["1"]


def test_a_utf8_bom_before_the_header_is_not_part_of_the_first_column(tmp_path: Path) -> None:
    items = read(tmp_path, b"\xef\xbb\xbf" + HEADER + "1,2026-11-23,漏水\n".encode())
    assert outcome(items) == ["1"]


cells = st.binary(max_size=12) | st.sampled_from([b'"', b'""', b"\r", b"\n", b",", b""])


@given(st.lists(st.lists(cells, max_size=5), max_size=8))
def test_any_rows_are_read_whole_each_a_complaint_or_a_dead_letter_with_its_bytes(
    rows: list[list[bytes]],
) -> None:
    body = HEADER + b"".join(b",".join(row) + b"\n" for row in rows)
    with tempfile.TemporaryDirectory() as folder:
        items = read(Path(folder), body + b"good,2026-11-23,ok\n")
    assert isinstance(items[-1], Complaint)
    assert items[-1].external_id == "good"
    offset = 0  # each dead letter holds the header and its own lines, in input order
    for item in items:
        if isinstance(item, Rejected):
            assert item.raw.startswith(HEADER)
            offset = body.index(item.raw.removeprefix(HEADER), offset) + 1


def test_excels_sep_line_names_the_delimiter_and_is_kept_with_each_letter(tmp_path: Path) -> None:
    """Excel's ``sep=;`` first line was read as the header: a configuration error saying
    the header lacks every mapped column, so the file could not be taken in at all."""
    body = b"sep=;\r\nid;date;narrative\r\n1;2026-11-23;parcel late\r\n2;2026-11-23;\r\n"
    items = read(tmp_path, body)
    assert outcome(items) == ["1", "rows.csv:4"]
    letter = items[1]
    assert isinstance(letter, Rejected)
    assert letter.raw == b"sep=;\r\nid;date;narrative\r\n2;2026-11-23;\r\n"
    assert outcome(read(tmp_path, letter.raw)) == ["rows.csv:3"]


@pytest.mark.parametrize(
    "body", [b"", b"\n", b"\r\nid,date,narrative\n"], ids=["empty", "blank", "blank first"]
)
def test_a_file_without_a_header_row_is_a_config_error_saying_so(
    tmp_path: Path, body: bytes
) -> None:
    """It said the header lacked every mapped column and listed its columns as nothing."""
    said = "the file is empty" if not body else "the first line is blank"
    with pytest.raises(ConfigError, match=f"rows.csv: {said}; a CSV file starts with its header"):
        read(tmp_path, body)
