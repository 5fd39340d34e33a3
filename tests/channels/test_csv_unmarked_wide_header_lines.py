"""A UTF-16 or UTF-32 CSV file without a byte order mark whose header line, read as 8-bit
text, holds no NUL of its own.

Read as UTF-8, a wide file's header was named UTF-16 only when NULs stood in the header
line itself. A header of Chinese names separated by fullwidth commas (U+FF0C) has
none: its line's one NUL, the second byte of UTF-16-LE's line feed, starts the next line,
so the file was refused as "not valid utf-8" with the generic advice to name a charset,
or as GB18030. A name holding a character one of whose bytes is a line feed (上 is
``0a 4e`` in UTF-16-LE) split the header there, and the file was refused as starting with
a blank line or lacking its columns; a quoted header as CSV it could not read. The start
of the file is now looked at as a whole, and each is refused naming its encoding and the
option that reads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.errors import ConfigError
from complaintkit.model.complaint import Complaint

WIDE = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]

#: Headers whose wide encoding holds no NUL in the first line read as UTF-8, or a line
#: feed inside a character, or a quote the CSV reader trips on; each with its mapping.
HEADERS = {
    "fullwidth commas": ("编号\uff0c时间\uff0c内容", "\uff0c"),
    "a line feed byte in a name": ("上报编号,时间,内容", ","),
    "quoted names": ('"编号","时间","内容"', ","),
    "tab separated": ("编号\t时间\t内容", "\t"),
}
COLUMNS = {"external_id": "编号", "received_at": "时间", "text": "内容"}


@pytest.mark.parametrize("codec", WIDE)
@pytest.mark.parametrize("case", sorted(HEADERS))
def test_a_wide_file_is_named_whatever_its_header_line_holds(
    tmp_path: Path, codec: str, case: str
) -> None:
    header, delimiter = HEADERS[case]
    columns = {**COLUMNS, "external_id": header.split(delimiter)[0].strip('"')}
    row = delimiter.join(["T-1", "2026-10-08 09:00", "送餐太慢了"])
    source = tmp_path / "export.csv"
    source.write_bytes(f"{header}\r\n{row}\r\n".encode(codec))
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(columns, delimiter=delimiter).read(str(source)))
    message = str(refused.value)
    assert message.startswith(f"{source}: "), message
    assert f"-o encoding={codec}" in message, message
    (complaint,) = CsvChannel(columns, delimiter=delimiter, encoding=codec).read(str(source))
    assert isinstance(complaint, Complaint)
    assert complaint.text == "送餐太慢了"


#: Column names as exports write them: English, Chinese, with spaces and punctuation.
NAMES = st.sampled_from(
    ["id", "Complaint ID", "Date received", "投诉编号", "客户", "金额", "上报时间", "内容", "状态"]
)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(NAMES, min_size=1, max_size=6, unique=True),
    codec=st.sampled_from(WIDE),
    delimiter=st.sampled_from([",", "\t", ";", "\uff0c"]),
)
def test_any_wide_header_lacking_the_mapping_names_its_encoding(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], codec: str, delimiter: str
) -> None:
    source = tmp_path_factory.mktemp("wide") / "export.csv"
    header = delimiter.join(names)
    source.write_bytes(f"{header}\n{delimiter.join('x' * len(names))}\n".encode(codec))
    mapping = {"external_id": names[0], "received_at": "opened", "text": "text"}
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(mapping, delimiter=delimiter).read(str(source)))
    assert f"-o encoding={codec}" in str(refused.value)


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_a_wide_file_with_its_mark_is_named_by_the_mark(tmp_path: Path, codec: str) -> None:
    """Not 'with no byte order mark': the file has one, and it says what the file is."""
    source = tmp_path / "export.csv"
    source.write_bytes("编号,时间,内容\n1,2026-10-08,x\n".encode(codec))
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS).read(str(source)))
    message = str(refused.value)
    assert "no byte order mark" not in message, message
    assert f"starts with the byte order mark of {codec}" in message, message
