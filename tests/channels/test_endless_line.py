"""A source that never ends a line (``/dev/zero``, a producer writing without line breaks
into a pipe) was read for ever: past the longest line read (``MAX_LINE_CHARS``) the rest of
the line was skipped to its end, which never came, and the run never ended. In a source of
no known size the rest is skipped no further than ``MAX_SKIPPED_CHARS``: past it, the line
is a dead letter saying so, and the source is read no further. A regular file, whose size
bounds the skipping, is read to its end (tests/channels/test_jsonl.py, test_csvfile.py)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from endless_stream import Zeros, ZerosIntoPipe

from complaintkit.channels import Rejected, jsonl
from complaintkit.channels.csvfile import CsvChannel
from complaintkit.channels.jsonl import JsonLinesChannel
from complaintkit.cli import build_cli
from complaintkit.errors import ConfigError
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
COLUMNS = {"external_id": "id", "received_at": "date", "text": "text"}


@pytest.fixture(autouse=True)
def _small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "MAX_LINE_CHARS", 1_000)
    monkeypatch.setattr(jsonl, "MAX_SKIPPED_CHARS", 10_000)


def endless_stdin(monkeypatch: pytest.MonkeyPatch, prefix: bytes = b"") -> Zeros:
    zeros = Zeros(prefix)
    stdin = io.TextIOWrapper(io.BufferedReader(zeros), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    return zeros


def test_an_endless_json_line_is_a_dead_letter_and_reading_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    endless_stdin(monkeypatch, b'{"channel": "web"}\n{"text": "')
    first, second = JsonLinesChannel().read("-")
    assert isinstance(first, Rejected)  # the first line read whole: it lacks fields
    assert isinstance(second, Rejected)
    assert second.source == "<stdin>:2"
    assert "no end" in second.reason
    assert "read no further" in second.reason
    assert second.raw == b'{"text": "' + bytes(990)


def test_an_endless_csv_row_is_a_dead_letter_and_reading_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    endless_stdin(monkeypatch, b"id,date,text\n1,2026-11-23,")
    (only,) = CsvChannel(COLUMNS).read("-")
    assert isinstance(only, Rejected)
    assert only.source == "<stdin>:2"
    assert "no end" in only.reason
    assert "read no further" in only.reason
    assert only.raw == b"id,date,text\n1,2026-11-23," + bytes(1_000 - len("1,2026-11-23,"))


def test_an_endless_csv_header_is_an_error_naming_the_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    endless_stdin(monkeypatch)
    with pytest.raises(ConfigError) as refused:
        list(CsvChannel(COLUMNS).read("-"))
    assert str(refused.value).startswith("standard input: the header row cannot be read")
    assert "read no further" in str(refused.value)


@pytest.mark.parametrize("channel", ["jsonl", "csv"])
def test_the_intake_of_a_pipe_of_zeros_ends_with_its_dead_letter(
    tmp_path: Path, channel: str
) -> None:
    """Through the command, from a named pipe a writer fills with NULs after a first line:
    the run ends, keeping the line as a dead letter, while the writer could still write."""
    pipe = tmp_path / "zeros"
    header = b"id,date,text\n" if channel == "csv" else b""
    writer = ZerosIntoPipe(pipe, header)
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    columns = [f"columns.{field}={column}" for field, column in COLUMNS.items()]
    options = [arg for column in columns for arg in ("-o", column)] if channel == "csv" else []
    args = ["--db", db, "intake", "--channel", channel, *options, str(pipe)]
    result = CliRunner().invoke(CLI, args)
    writer.end()
    assert "read no further" in result.output, result.output
    assert writer.stopped_early  # the reader stopped first
    letters = CliRunner().invoke(CLI, ["--db", db, "dead-letters", "list"])
    assert "read no further" in letters.output, letters.output
