"""A JSON-lines file in UTF-16 or UTF-32 with no byte order mark (PowerShell's
``Out-File -Encoding unicode`` piped through a tool that drops the mark, SQL Server's
``bcp -w``). Read as UTF-8 it decodes, a NUL beside each character: each line was a dead
letter 'is not JSON: Expecting property name enclosed in double quotes', and the last
one, a lone NUL after the final line feed, was held as a line a writer was still at, run
after run. With a mark the file is refused at once, naming its encoding; without one it is
refused the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from complaintkit.channels import Rejected
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.errors import ConfigError

LINE = {
    "channel": "web",
    "external_id": "W-1",
    "received_at": "2026-11-23T09:30:00+08:00",
    "customer": {"id": "c1"},
    "text": "\u5305\u88f9\u7834\u640d\u4e86",
}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_wide_file_without_a_mark_is_refused_naming_its_encoding(
    tmp_path: Path, codec: str
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes((json.dumps(LINE, ensure_ascii=False) + "\n").encode(codec))
    channel = JsonLinesChannel()
    with pytest.raises(ConfigError) as refused:
        list(channel.read(str(source)))
    assert str(refused.value).startswith(f"{source} is {codec.upper()}")
    assert f"iconv -f {codec} -t utf-8" in str(refused.value)
    assert channel.held == []


def test_a_line_with_a_nul_escape_is_no_wide_text(tmp_path: Path) -> None:
    """A NUL written as JSON's escape is the complaint's problem, not the file's."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({**LINE, "text": "a\u0000b"}) + "\n", encoding="utf-8")
    (record,) = JsonLinesChannel().read(str(source))
    assert isinstance(record, Rejected)
    assert record.reason.startswith("text: ")
