"""A CSV file read with ``-o encoding=latin-1`` (``iso-8859-1``), as a Western Excel
export is told to be read, stored Windows-1252's curly quotes, dashes and euro sign as
C1 control characters: ``“pas” — 49 €`` became ``\\x93pas\\x94 \\x97 49 \\x80``, text no one
wrote, silently. Excel on Western Windows writes Windows-1252, and the WHATWG Encoding
Standard reads the label so: the file is now read so too; a byte Windows-1252 has no
character for costs its row, kept as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels import Rejected
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "ticket", "received_at": "opened", "text": "text"}
WRITTEN = "Ça marche pas \u201cdu tout\u201d \u2014 49 \u20ac\u2026"


def _read(tmp_path: Path, data: bytes, encoding: str) -> list[Complaint | Rejected]:
    source = tmp_path / "rows.csv"
    source.write_bytes(data)
    return list(CsvChannel(COLUMNS, encoding=encoding).read(str(source)))


@pytest.mark.parametrize("encoding", ["latin-1", "iso-8859-1", "latin1", "ISO8859-1"])
def test_windows_punctuation_is_read_as_written(tmp_path: Path, encoding: str) -> None:
    rows = f"ticket,opened,text\r\nT-1,2026-10-08 09:00,{WRITTEN}\r\n".encode("cp1252")
    (complaint,) = _read(tmp_path, rows, encoding)
    assert isinstance(complaint, Complaint)
    assert complaint.text == WRITTEN


def test_a_byte_windows_1252_lacks_costs_its_row_only(tmp_path: Path) -> None:
    rows = b"ticket,opened,text\r\nT-1,2026-10-08 09:00,a\x81b\r\nT-2,2026-10-08 09:00,caf\xe9\r\n"
    letter, complaint = _read(tmp_path, rows, "latin-1")
    assert isinstance(letter, Rejected)
    assert b"a\x81b" in letter.raw
    assert isinstance(complaint, Complaint)
    assert complaint.text == "café"


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        st.characters(codec="cp1252", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
        min_size=1,
        max_size=30,
    )
)
def test_no_row_read_as_latin1_holds_a_c1_control(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    tmp_path = tmp_path_factory.mktemp("rows")
    cell = '"' + text.replace('"', '""') + '"'
    rows = f"ticket,opened,text\r\nT-1,2026-10-08 09:00,{cell}\r\n".encode("cp1252")
    for item in _read(tmp_path, rows, "latin-1"):
        if isinstance(item, Complaint):
            assert not any("\x80" <= c <= "\x9f" for c in item.text)
