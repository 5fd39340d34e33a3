"""A file channel's source that is no text — complaints kept in an Excel workbook, an export
still gzip-compressed — is refused whole, named as what it is, nothing dead-lettered. Read as
JSON lines, a workbook was one dead letter per stretch of bytes between line feeds ("is not
JSON"), or, with none, a "half line held for the next run" for ever; through the CSV channel,
a header "not valid utf-8" with the advice to name another character set."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.errors import ConfigError
from complaintkit.model.file_kinds import KINDS


def workbook() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<row>投诉</row>\n" * 500)
    return data.getvalue()


SOURCES = [
    ("complaints.xlsx", workbook(), "ZIP"),
    ("complaints.jsonl.gz", gzip.compress(b'{"text": "late"}\n' * 200), "gzip"),
    ("scan.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4, "PDF"),
]


def channels() -> list[object]:
    columns = {"external_id": "id", "received_at": "date", "text": "narrative"}
    return [JsonLinesChannel(), CsvChannel(columns=columns)]


@pytest.mark.parametrize(("name", "raw", "named"), SOURCES, ids=["xlsx", "gz", "pdf"])
@pytest.mark.parametrize("channel", channels(), ids=["jsonl", "csv"])
def test_a_source_that_is_no_text_is_refused_whole(
    tmp_path: Path, name: str, raw: bytes, named: str, channel: object
) -> None:
    source = tmp_path / name
    source.write_bytes(raw)
    with pytest.raises(ConfigError) as refused:
        list(channel.read(str(source)))  # type: ignore[attr-defined]
    assert named in str(refused.value)
    assert name in str(refused.value)
    assert getattr(channel, "held", []) == []  # nothing held for a next run either


def test_the_kinds_start_no_utf8_text() -> None:
    """No file the channels read as text is taken for one of them: each kind's first bytes
    are no UTF-8 text a person writes (a control character, or a byte no UTF-8 starts)."""
    for magic, _ in KINDS:
        try:
            text = magic.decode("utf-8")
        except UnicodeDecodeError:
            continue
        assert any(not char.isprintable() for char in text) or text.startswith("%PDF-")
