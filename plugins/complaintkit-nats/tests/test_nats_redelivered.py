"""A message redelivered after a crash between commit and acknowledgement is the same dead
letter, whatever fetching options the restarted consumer was given."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click
import complaintkit_nats.plugin
import pytest
from click.testing import CliRunner
from complaintkit_nats import JetStreamChannel
from complaintkit_nats.testing import Stream
from nats_streams import publish_complaints

from complaintkit.channels import Rejected
from complaintkit.cli import build_cli
from complaintkit.model.complaint import Complaint
from complaintkit.plugins import Plugins, plugin_manager


def cli() -> click.Group:
    manager = plugin_manager(load_entrypoints=False)
    manager.register(complaintkit_nats.plugin)
    return build_cli(Plugins(manager))


def crash_before_acknowledging(
    self: JetStreamChannel, records: Sequence[Complaint | Rejected]
) -> None:
    """Committed, then killed: nothing is acknowledged, so JetStream delivers it again."""


def test_a_redelivered_bad_message_is_kept_once_whatever_the_fetching_options(
    jetstream_stream: Stream, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subject = f"{jetstream_stream.prefix}.in"
    publish_complaints(jetstream_stream, subject, 3, poison=1)
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    intake = ["--db", db, "intake", "--channel", "nats", "-o", f"servers={jetstream_stream.url}"]
    intake += ["-o", "durable=desk", "-o", "ack_wait=1"]
    command = cli()
    with monkeypatch.context() as crashing:
        crashing.setattr(JetStreamChannel, "acknowledge", crash_before_acknowledging)
        first = CliRunner().invoke(command, [*intake, "-o", "batch=100", "-o", "idle=0.3", subject])
    assert first.exit_code == 3, first.output
    again = CliRunner().invoke(command, [*intake, "-o", "batch=50", "-o", "idle=0.5", subject])
    assert again.exit_code == 3, again.output
    assert "3 duplicates already known" in again.output  # every message came again
    listed = CliRunner().invoke(command, ["--db", db, "dead-letters", "list", "--json"])
    (letter,) = json.loads(listed.stdout)
    assert letter["source"].startswith(f"nats:{subject}#4")
