"""An mbox that never reaches another separator (``-o format=mbox /dev/zero``, a writer
filling a pipe without one) was read for ever: its message, past the size limit, was
counted and dropped as it was read, looking for the next separator, which never came. In a
source of no known size (a pipe, standard input, a device) a message running on
``MAX_SKIPPED_CHARS`` bytes past the limit is a dead letter saying it has no end, and the
source is read no further; a regular mbox file is read to its end (test_mail_size_limit)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from endless_stream import Zeros, ZerosIntoPipe

from complaintkit.channels import Rejected, jsonl
from complaintkit.channels.mail import MailChannel
from complaintkit.cli import build_cli
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager

CLI = build_cli(Plugins(plugin_manager(load_entrypoints=False)))
SEPARATOR = b"From jane@example.com Mon Nov 23 09:00:00 2026\n"
GOOD = SEPARATOR + (
    b"From: Jane <jane@example.com>\nDate: Mon, 23 Nov 2026 09:00:00 +0800\n"
    b"Message-ID: <a@example.com>\nSubject: late\n\nThe parcel is late.\n\n"
)
ENDLESS = SEPARATOR + b"From: Jane <jane@example.com>\nSubject: zeros\n\n"


@pytest.fixture(autouse=True)
def _small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "MAX_SKIPPED_CHARS", 10_000)


@pytest.mark.parametrize("format", ["mbox", "auto"])
def test_an_endless_message_on_stdin_is_a_dead_letter_and_reading_stops(
    monkeypatch: pytest.MonkeyPatch, format: str
) -> None:
    zeros = Zeros(GOOD + ENDLESS)
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": io.BufferedReader(zeros)})())
    good, endless = MailChannel(format=format, max_bytes=1_000).read("-")
    assert isinstance(good, Complaint)
    assert isinstance(endless, Rejected)
    assert endless.source == "<stdin>#2"
    assert "endless stream" in endless.reason
    assert "read no further" in endless.reason


def test_the_intake_of_a_pipe_of_zeros_as_an_mbox_ends_with_its_dead_letter(
    tmp_path: Path,
) -> None:
    pipe = tmp_path / "zeros"
    writer = ZerosIntoPipe(pipe, GOOD + ENDLESS)
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    options = ["-o", "format=mbox", "-o", "max_bytes=1000"]
    result = CliRunner().invoke(
        CLI, ["--db", db, "intake", "--channel", "email", *options, str(pipe)]
    )
    writer.end()
    assert "1 new cases" in result.output, result.output
    assert "read no further" in result.output, result.output
    assert writer.stopped_early  # the reader stopped first
