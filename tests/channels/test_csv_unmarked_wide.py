"""A CSV file in UTF-16 or UTF-32 without a byte order mark, read as UTF-8 or Latin-1.

SQL Server's ``bcp -w`` and some .NET exporters write UTF-16-LE with no mark. Read in the
default UTF-8, its ASCII header decodes (every other byte a NUL), and the run was refused
as a column mapping the header lacks, listing columns like ``'i\\x00d\\x00'``: nothing said
the file was UTF-16 nor how to read it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "ticket", "received_at": "opened", "text": "text"}
ROWS = "ticket,opened,text\r\nT-1,2026-10-08 09:00,\u725b\u5976\u574f\u4e86\r\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("given", ["utf-8", "latin-1"])
def test_a_wide_file_without_a_mark_is_refused_naming_its_encoding(
    tmp_path: Path, codec: str, given: str
) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(ROWS.encode(codec))
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS, encoding=given).read(str(source)))
    message = str(refused.value)
    assert message.startswith(f"{source}: ")
    assert f"-o encoding={codec}" in message
    assert "byte order mark" in message
    (complaint,) = CsvChannel(COLUMNS, encoding=codec).read(str(source))
    assert isinstance(complaint, Complaint)
    assert complaint.text == "\u725b\u5976\u574f\u4e86"


def test_a_header_with_a_nul_that_is_no_wide_text_keeps_the_mapping_error(
    tmp_path: Path,
) -> None:
    """One NUL in a name is a damaged header, not UTF-16: the columns it lacks are named."""
    source = tmp_path / "export.csv"
    source.write_bytes(b"ticket,open\x00ed,text\nT-1,2026-10-08,x\n")
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS).read(str(source)))
    assert "the header does not have" in str(refused.value)
    assert "-o encoding=utf-16" not in str(refused.value)


def test_a_header_of_nuls_alone_is_named_no_wide_encoding(tmp_path: Path) -> None:
    """b'\\x00\\x00\\x00\\n' reads in UTF-32-BE as a line feed alone: no text, no encoding."""
    source = tmp_path / "export.csv"
    source.write_bytes(b"\x00\x00\x00\nT-1,2026-10-08,x\n")
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS).read(str(source)))
    assert "-o encoding=utf-" not in str(refused.value)
