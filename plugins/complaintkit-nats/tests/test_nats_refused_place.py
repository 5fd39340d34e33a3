"""A complaint the Desk refuses after the channel read it (a key reused with other words) is
kept naming the message it came from, ``<subject>#<stream sequence>``, as the channel's own
refusals are: an operator must find it in the stream."""

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


def test_a_key_reused_with_other_words_names_its_message(
    jetstream_stream: Stream, tmp_path: Path
) -> None:
    subject = f"{jetstream_stream.prefix}.in"
    first, changed = complaint(1), {**complaint(1), "text": "the parcel came broken"}
    publish(jetstream_stream, subject, [json.dumps(first).encode(), json.dumps(changed).encode()])
    db = f"sqlite:///{tmp_path / 'cases.db'}"
    intake = ["--db", db, "intake", "--channel", "nats", "-o", f"servers={jetstream_stream.url}"]
    command = cli()
    taken = CliRunner().invoke(command, [*intake, "-o", "idle=0.3", subject])
    assert taken.exit_code == 3, taken.output
    listed = CliRunner().invoke(command, ["--db", db, "dead-letters", "list", "--json"])
    (letter,) = json.loads(listed.stdout)
    assert letter["source"] == f"complaint:nats:K-1 ({subject}#2)"
