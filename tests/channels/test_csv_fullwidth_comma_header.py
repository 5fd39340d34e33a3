"""A CSV file typed with a Chinese input method separates its fields by the fullwidth
comma (U+FF0C). Read by the default comma its header is one column of every name,
and the error said only that the header lacked them; it now says which character
separates them and how to read the file, and so read, its rows are taken in."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint

COLUMNS = {"external_id": "编号", "received_at": "时间", "text": "内容"}
FILE = "编号\uff0c时间\uff0c内容\n1\uff0c2026-11-02 09:00\uff0c好\n"


def test_the_error_names_the_fullwidth_comma(tmp_path: Path) -> None:
    source = tmp_path / "typed.csv"
    source.write_text(FILE, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS).read(str(source)))
    assert "-o delimiter=\uff0c" in str(refused.value)


def test_read_by_the_fullwidth_comma_its_rows_are_taken_in(tmp_path: Path) -> None:
    source = tmp_path / "typed.csv"
    source.write_text(FILE, encoding="utf-8")
    (item,) = CsvChannel(COLUMNS, delimiter="\uff0c").read(str(source))
    assert isinstance(item, Complaint)
    assert item.text == "好"
