"""A CSV file read with ``-o encoding=unicode-escape`` (or ``raw-unicode-escape``, Python
codecs that read backslash escapes, not a character set) was taken in garbled: each UTF-8
byte of 牛奶坏了 became a Latin-1 letter (``ç\\x89\\x9bå¥¶…``), and ``C:\\new`` a line
break. Mail refuses such a charset; the CSV channel now refuses the option, as it refuses
``rot13``, before reading a row."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import ConfigError

COLUMNS = {"external_id": "ticket", "received_at": "opened", "text": "text"}


@pytest.mark.parametrize(
    "encoding", ["unicode-escape", "unicode_escape", "raw-unicode-escape", "undefined"]
)
def test_an_escape_codec_is_refused_as_no_character_set(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "rows.csv"
    source.write_bytes("ticket,opened,text\r\nT-1,2026-10-08 09:00,牛奶坏了\r\n".encode())
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS, encoding=encoding).read(str(source)))
    assert repr(encoding) in str(refused.value)
    assert "utf-8" in str(refused.value)
