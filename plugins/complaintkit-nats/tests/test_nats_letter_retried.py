"""``dead-letters retry`` reads a JetStream message's letter again from the bytes it kept:
the message was acknowledged once its letter was stored, so the stream will not deliver it
again, and the letter's place (``<subject>#<sequence>``) is no subject to consume."""

from __future__ import annotations

import json
from pathlib import Path

import click
import complaintkit_nats.plugin
from click.testing import CliRunner
from complaintkit_nats.testing import Stream
from nats_streams import complaint
from test_nats_messages import publish

from complaintkit.cli import build_cli
from complaintkit.plugins import Plugins, plugin_manager


def cli() -> click.Group:
    manager = plugin_manager(load_entrypoints=False)
    manager.register(complaintkit_nats.plugin)
    return build_cli(Plugins(manager))


def test_a_letter_is_taken_in_by_a_retry_once_its_cause_is_fixed(
    jetstream_stream: Stream, tmp_path: Path
) -> None:
    subject = f"{jetstream_stream.prefix}.in"
    old_desk = {**complaint(1), "channel": "old-desk"}  # a producer naming its own channel
    publish(jetstream_stream, subject, [json.dumps(old_desk).encode()])
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    intake = ["--db", db, "intake", "--channel", "nats", "-o", f"servers={jetstream_stream.url}"]
    command = cli()
    taken = CliRunner().invoke(command, [*intake, "-o", "idle=0.3", subject])
    assert taken.exit_code == 3, taken.output
    retry = ["--db", db, "dead-letters", "retry", "--all", "-o", "channel=old-desk"]
    retried = CliRunner().invoke(command, retry)
    assert retried.exit_code == 0, retried.output
    assert "1 taken, 0 refused" in retried.output
    listed = CliRunner().invoke(command, ["--db", db, "dead-letters", "list", "--json"])
    assert json.loads(listed.stdout) == []
    cases = CliRunner().invoke(command, ["--db", db, "cases", "list", "--json"])
    (case,) = json.loads(cases.stdout)
    assert case["complaints"][0]["channel"] == "old-desk"


def test_a_letter_still_at_fault_is_refused_for_its_own_cause(
    jetstream_stream: Stream, tmp_path: Path
) -> None:
    subject = f"{jetstream_stream.prefix}.in"
    publish(jetstream_stream, subject, [b'{"external_id": "K-9", "text": 7}'])
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    intake = ["--db", db, "intake", "--channel", "nats", "-o", f"servers={jetstream_stream.url}"]
    command = cli()
    assert CliRunner().invoke(command, [*intake, "-o", "idle=0.3", subject]).exit_code == 3
    retried = CliRunner().invoke(command, ["--db", db, "dead-letters", "retry", "--all"])
    assert retried.exit_code == 3, retried.output
    listed = CliRunner().invoke(command, ["--db", db, "dead-letters", "list", "--json"])
    (letter,) = json.loads(listed.stdout)
    assert letter["reason"].startswith(("text:", "received_at:", "customer")), letter["reason"]
    assert letter["retries"] == 1
