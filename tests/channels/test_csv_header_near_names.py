"""A header whose cell is a mapped column's name but for an invisible character (a byte
order mark or a zero-width space inside it, pasted from another export) or its case (``ID``
for ``id``) was told only that the header lacks the column, listing the cell beside it.
The error now says what keeps the cell from being the name, and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import ConfigError

COLUMNS = {"external_id": "id", "received_at": "at", "text": "text", "subject": "subject"}


def _read(tmp_path: Path, header: str) -> None:
    source = tmp_path / "rows.csv"
    source.write_text(f"{header}\n1,2026-11-02,a,s\n", encoding="utf-8")
    list(CsvChannel(COLUMNS).read(str(source)))


@pytest.mark.parametrize(
    ("header", "code"),
    [("id,a\ufefft,text,subject", "U+FEFF"), ("id,at\u200b,text,subject", "U+200B")],
)
def test_an_invisible_character_in_a_header_cell_is_named(
    tmp_path: Path, header: str, code: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        _read(tmp_path, header)
    assert code in str(raised.value)
    assert "invisible" in str(raised.value)


def test_a_header_cell_in_another_case_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        _read(tmp_path, "ID,at,text,subject")
    assert "'ID'" in str(raised.value)
    assert "case" in str(raised.value)
