"""A CSV file of 8-bit text read with ``-o encoding=utf-16`` (or ``utf-32``) — the option
copied from a colleague's Excel "Unicode Text" export — was refused saying it has no byte
order mark and to name its byte order (``-o encoding=utf-16-le``), which read the UTF-8
file as Chinese characters no one wrote or refused it again. It now says the file holds
no NUL, as 8-bit text does, and names the charset it reads as; a UTF-16 file without a
mark is still told its byte order."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "ticket", "received_at": "opened", "text": "text"}
ROWS = "ticket,opened,text\r\nT-1,2026-10-08 09:00,牛奶坏了\r\n"


def _refusal(tmp_path: Path, data: bytes, encoding: str) -> str:
    source = tmp_path / "rows.csv"
    source.write_bytes(data)
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS, encoding=encoding).read(str(source)))
    return str(refused.value)


@pytest.mark.parametrize("option", ["utf-16", "utf-32"])
@pytest.mark.parametrize(("written_in", "meant"), [("utf-8", "utf-8"), ("gbk", "gb18030")])
def test_an_8bit_file_read_as_wide_is_told_its_charset(
    tmp_path: Path, option: str, written_in: str, meant: str
) -> None:
    message = _refusal(tmp_path, ROWS.encode(written_in), option)
    assert "no NUL" in message
    assert f"-o encoding={meant}" in message
    assert "-le" not in message
    source = tmp_path / "rows.csv"
    (complaint,) = CsvChannel(COLUMNS, encoding=meant).read(str(source))
    assert isinstance(complaint, Complaint)
    assert complaint.text == "牛奶坏了"


@pytest.mark.parametrize("option", ["utf-16", "utf-32"])
def test_a_wide_file_without_a_mark_is_still_told_its_byte_order(
    tmp_path: Path, option: str
) -> None:
    message = _refusal(tmp_path, ROWS.encode(f"{option}-le"), option)
    assert f"-o encoding={option}-le" in message
