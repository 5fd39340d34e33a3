"""A file channel's source that is no text — complaints kept in an Excel workbook, an export
still gzip-compressed — is refused whole, named as what it is, nothing dead-lettered. Read as
JSON lines, a workbook was one dead letter per stretch of bytes between line feeds ("is not
JSON"), or, with none, a "half line held for the next run" for ever; through the CSV channel,
a header "not valid utf-8" with the advice to name another character set."""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import subprocess
import sys
import threading
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


@pytest.mark.parametrize(("name", "raw", "named"), SOURCES, ids=["xlsx", "gz", "pdf"])
@pytest.mark.parametrize("channel", channels(), ids=["jsonl", "csv"])
def test_a_pipe_that_is_no_text_is_refused_as_a_file_is(
    tmp_path: Path, name: str, raw: bytes, named: str, channel: object
) -> None:
    """A pipe (``<(cat book.xlsx)``) cannot go back: its first bytes are read, told apart,
    and read again when they are text."""
    pipe = tmp_path / name
    os.mkfifo(pipe)

    def write() -> None:
        with contextlib.suppress(BrokenPipeError):  # the reader stops at the first bytes
            pipe.write_bytes(raw)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        with pytest.raises(ConfigError) as refused:
            list(channel.read(str(pipe)))  # type: ignore[attr-defined]
    finally:
        writer.join()
    assert named in str(refused.value)


def test_standard_input_that_is_no_text_is_refused_whole(tmp_path: Path) -> None:
    source = tmp_path / "book.xlsx"
    source.write_bytes(workbook())
    with source.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "complaintkit", "--db", f"sqlite:///{tmp_path / 'c.db'}",
             "intake", "-"],
            stdin=stdin, capture_output=True, text=True, check=False,
        )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "ZIP" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_pipe_of_text_is_read_whole_after_its_start_was_looked_at(tmp_path: Path) -> None:
    """One byte at a time, a text line short of every kind's first bytes is read whole."""
    pipe = tmp_path / "in.jsonl"
    os.mkfifo(pipe)
    line = b'{"text": "P"}\n'

    def trickle() -> None:
        with open(pipe, "wb", buffering=0) as out:
            for byte in line:
                out.write(bytes([byte]))

    writer = threading.Thread(target=trickle)
    writer.start()
    try:
        read = list(JsonLinesChannel().read(str(pipe)))
    finally:
        writer.join()
    assert len(read) == 1
